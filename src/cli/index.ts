#!/usr/bin/env node
/** The `pome` command. */
import { main } from "./program.js";

process.exitCode = await main(process.argv);
