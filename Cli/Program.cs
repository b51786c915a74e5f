// Entry point of the `sweep` executable: registers the commands and maps errors to exit codes
// (0 ok, 1 failure, 2 bad input). Each command lives in Commands/ with its settings.
using Sweep.Cli;

return SweepApp.Run(args);
