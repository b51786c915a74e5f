using Spectre.Console.Cli;
using Sweep.Scheduler.Commands;

namespace Sweep.Scheduler;

/// <summary>Builds the command line application; the only place that knows every command.</summary>
public static class SweepApp
{
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.AddBranch("data", d => d.AddCommand<DataGetCommand>("get"));
            config.SetApplicationName("sweep");
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
        });
        return app.Run(args);
    }
}
