#!/usr/bin/env node
/** `passkey-store`: export a store's passkeys to JSON Lines, or import them into another store. */
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), process);
