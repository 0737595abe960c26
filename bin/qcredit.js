#!/usr/bin/env node
// Entry point of the `qcredit` command; the code lives in dist/ (built by `npm install`).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
