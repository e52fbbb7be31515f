// Inputs whose findings the e2e tests rely on, named for what the Docker rules say
// about them.
#pragma once

namespace svc::e2e {

// docker-root-user (error, at the FROM line), docker-no-healthcheck and
// docker-single-stage (warnings).
inline constexpr const char* kRootDockerfile =
    "FROM node:22-slim\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "CMD [\"node\",\"server.js\"]\n";

// The same, with the root-user finding suppressed in source.
inline constexpr const char* kSuppressedRootDockerfile =
    "# svc-ignore docker-root-user: the entrypoint drops privileges with gosu\n"
    "FROM node:22-slim\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "CMD [\"node\",\"server.js\"]\n";

// Multi-stage, non-root final stage, health check, exec-form CMD: nothing to report.
inline constexpr const char* kCleanDockerfile =
    "FROM node:22 AS build\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "FROM gcr.io/distroless/nodejs22-debian12:nonroot\n"
    "COPY --from=build /app /app\n"
    "HEALTHCHECK CMD [\"/nodejs/bin/node\",\"-e\",\"1\"]\n"
    "CMD [\"server.js\"]\n";

// Clean but for a shell-form CMD: only docker-shell-form-cmd, a warning.
inline constexpr const char* kShellFormDockerfile =
    "FROM node:22 AS build\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "FROM gcr.io/distroless/nodejs22-debian12:nonroot\n"
    "COPY --from=build /app /app\n"
    "HEALTHCHECK CMD [\"/nodejs/bin/node\",\"-e\",\"1\"]\n"
    "CMD node server.js\n";

}  // namespace svc::e2e
