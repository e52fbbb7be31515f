// Import specifiers as written, from real parses of JavaScript/TypeScript and Python.
#include <catch2/catch.hpp>

#include "checks/facts/imports/import_facts.h"
#include "checks/syntax/syntax_tree.h"

using namespace svc::engine;

namespace {

std::vector<ImportedModule> imports_of(const std::string& path, const std::string& text) {
  SourceFile file(path, classify_path(path), text);
  if (!wants_import_facts(file)) return {};
  auto tree = SyntaxTree::parse(file);
  REQUIRE(tree);
  ImportFacts out;
  extract_import_facts(*tree, out);
  return out.modules;
}

// "specifier@line" with " type" for type-only imports, for readable comparisons.
std::vector<std::string> listed(const std::vector<ImportedModule>& modules) {
  std::vector<std::string> out;
  for (const auto& m : modules) out.push_back(m.specifier + "@" + std::to_string(m.line) + (m.type_only ? " type" : ""));
  return out;
}

using List = std::vector<std::string>;

}  // namespace

TEST_CASE("imports: every form of a TypeScript import, with type-only ones marked", "[imports]") {
  auto m = imports_of("apps/web/lib/billing.ts", R"(import Stripe from 'stripe'
import type { Link } from '@acme/db/schema'
import { type Plan, type Price } from './plans'
import { type Team, getTeam } from '@/lib/teams'
import * as auth from '../auth'
import './polyfills'
import fs = require('node:fs')
export { sendInvoice } from './invoices'
export type { Invoice } from './invoices/types'
export * from '@acme/utils'
const legacy = require('./legacy')
export async function load() {
  const { render } = await import('@acme/email')
  return import(`./locale/${lang}`)
}
export const local = 1
)");
  CHECK(listed(m) == List{"stripe@1", "@acme/db/schema@2 type", "./plans@3 type", "@/lib/teams@4", "../auth@5",
                          "./polyfills@6", "node:fs@7", "./invoices@8", "./invoices/types@9 type", "@acme/utils@10",
                          "./legacy@11", "@acme/email@13"});
}

TEST_CASE("imports: JavaScript and TSX files, not tests", "[imports]") {
  CHECK(listed(imports_of("src/server.js", "const express = require('express')\nmodule.exports = {}\n")) ==
        List{"express@1"});
  CHECK(listed(imports_of("app/page.tsx", "import { Button } from '@acme/ui'\nexport default () => <Button />\n")) ==
        List{"@acme/ui@1"});
  CHECK(imports_of("src/server.test.ts", "import { app } from './server'\n").empty());
  CHECK(imports_of("tests/conftest.py", "import app.main\n").empty());
  // Bundles a repository vendors: Yarn's plugins, minified files, one-line builds.
  CHECK(imports_of(".yarn/plugins/@yarnpkg/plugin-tools.cjs", "const fs = require('fs')\n").empty());
  CHECK(imports_of("public/vendor/angular.min.js", "var a = require('x')\n").empty());
  CHECK(imports_of("public/app.js", "var a=require('x');" + std::string(20000, ';') + "\n").empty());
  // A call named like an import, with no literal, names no module.
  CHECK(imports_of("src/plugins.js", "const name = 'x'\nrequire(name)\nloader.require('./y')\n").empty());
}

TEST_CASE("imports: Python absolute and relative imports, leading dots kept", "[imports]") {
  auto m = imports_of("app/billing/views.py", R"(import os, app.billing.models as models
from app.billing import services
from .models import Invoice
from ..shared.db import session
from . import tasks, signals
from . import *
def lazy():
    import pandas as pd
)");
  CHECK(listed(m) == List{"os@1", "app.billing.models@1", "app.billing@2", ".models@3", "..shared.db@4", ".tasks@5",
                          ".signals@5", ".@6", "pandas@8"});
}
