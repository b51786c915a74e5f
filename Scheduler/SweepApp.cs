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
            config.SetApplicationName("sweep");
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
            config.AddCommand<RunCommand>("run")
                .WithDescription("Validate a sweep file and run its trials (--dry-run lists them)")
                .WithExample("run", "sweeps/lr-lambda.yaml", "--dry-run")
                .WithExample("run", "sweeps/lr-lambda.yaml", "lr=0.1,0.5", "epochs=3", "--dry-run");
        });
        return app.Run(args);
    }
}
