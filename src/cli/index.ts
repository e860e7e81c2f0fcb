#!/usr/bin/env node
/** The `pome` command. */
import { Command } from "commander";
import { POME_VERSION } from "../version.js";

const program = new Command("pome").description("Test AI agents against stateful twins of GitHub, Stripe and Slack.").version(POME_VERSION);
await program.parseAsync(process.argv);
