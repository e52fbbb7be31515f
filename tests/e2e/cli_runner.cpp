#include "e2e/cli_runner.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace svc::e2e {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

// Closes on scope exit so an exception never leaks descriptors into later tests.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

std::vector<std::string> environment(const RunOptions& options) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [name, value] : options.env) {
    if (value) vars[name] = *value;
    else vars.erase(name);
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// A pseudo-terminal master, and its slave opened for the child's stdout.
void open_pty(Fd& master, Fd& slave) {
  master.fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master.fd < 0 || grantpt(master.fd) != 0 || unlockpt(master.fd) != 0) fail("posix_openpt");
  const char* name = ptsname(master.fd);
  if (!name) fail("ptsname");
  slave.fd = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave.fd < 0) fail("open pty slave");
}

// Drains both streams together so a child filling one pipe never blocks on it.
void drain(int out_fd, int err_fd, RunResult& result) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  char buffer[65536];
  while (open_count > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      fail("poll");
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {  // EOF, or EIO from a pty master once the child closed the slave
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

}  // namespace

RunResult run_program(const std::vector<std::string>& argv_in, const RunOptions& options) {
  std::vector<std::string> argv_strings = argv_in;
  std::vector<std::string> env_strings = environment(options);
  std::vector<char*> argv = c_strings(argv_strings), envp = c_strings(env_strings);

  Fd out_read, out_write, err_read, err_write;
  int pipe_fds[2];
  if (options.stdout_tty) {
    open_pty(out_read, out_write);
  } else {
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) fail("pipe");
    out_read.fd = pipe_fds[0], out_write.fd = pipe_fds[1];
  }
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) fail("pipe");
  err_read.fd = pipe_fds[0], err_write.fd = pipe_fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, 2);
  std::string cwd = options.cwd.string();
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  pid_t pid = 0;
  bool search_path = argv_strings[0].find('/') == std::string::npos;
  int rc = search_path ? posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data())
                       : posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    errno = rc;
    fail("cannot start " + argv_strings[0]);
  }
  out_write.reset();  // the child holds the only write ends now: EOF when it exits
  err_write.reset();

  RunResult result;
  drain(out_read.fd, err_read.fd, result);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) fail("waitpid");
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

RunResult run_svc(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<std::string> argv = options.wrapper;
  argv.push_back(SVC_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  // The result cache goes to the build tree, shared by the suite (so later audits of a
  // tree run warm, as a user's do), never to the user's home or into an audited tree.
  RunOptions with_cache = options;
  with_cache.env.try_emplace("XDG_CACHE_HOME", std::string(SVC_BUILD_DIR) + "/test-cache");
  return run_program(argv, with_cache);
}

bool has_ansi_escape(const std::string& text) { return text.find("\x1b[") != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

RunOptions hermetic(const std::filesystem::path& dir) {
  std::string home = (dir / ".home").string();
  RunOptions options;
  options.env = {{"HOME", home}, {"XDG_CONFIG_HOME", home}};
  return options;
}

}  // namespace svc::e2e
