using Verification.Audit.Cli;

// The main job (`audit`) and the other commands; README.md lists them and their exit codes.
return AuditCommandLine.Run(args);
