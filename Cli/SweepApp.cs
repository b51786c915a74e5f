using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Cli.Arguments;
using Sweep.Cli.Commands;
using Sweep.Trials;

namespace Sweep.Cli;

/// <summary>Builds the command line application; the only place that knows every command.</summary>
public static class SweepApp
{
    public static int Run(string[] args)
    {
        var commands = new CommandTable();
        var app = Build(commands, console: null);
        try
        {
            if (ArgumentCheck.Check(args, commands) is { } branch) return MissingCommand(branch, commands);
        }
        catch (UsageException usage)
        {
            return ExitCodes.Report(usage);
        }
        return app.Run(args);
    }

    /// <summary>
    /// `sweep` or `sweep bench` alone: a command is missing, which is bad input (exit 2) like any other, so the help
    /// goes to stderr with one line saying what to add; `--help` is the way to ask for help and exit 0.
    /// </summary>
    private static int MissingCommand(string branch, CommandTable commands)
    {
        var toStderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Build(new CommandTable(), toStderr).Run([.. branch.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        var names = string.Join(", ", commands.SubcommandsOf(branch) ?? []);
        Console.Error.WriteLine($"sweep: {(branch.Length == 0 ? "" : branch + ": ")}missing command (one of: {names})");
        return ExitCodes.BadInput;
    }

    private static CommandApp Build(CommandTable commands, IAnsiConsole? console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("sweep");
            if (console is not null) config.ConfigureConsole(console);
            config.UseStrictParsing(); // an unknown option is an error, not a silently ignored argument
            config.SetApplicationVersion(typeof(SweepApp).Assembly.GetName().Version?.ToString() ?? "0");
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
            commands.Add<RunCommand>(config, "run")
                .WithDescription("Validate a sweep file and run its trials (--dry-run lists them)")
                .WithExample("run", "sweeps/lr-lambda.yaml", "--dry-run")
                .WithExample("run", "sweeps/lr-lambda.yaml", "lr=0.1,0.5", "epochs=3", "--dry-run");
            commands.Add<WorkerCommand>(config, "worker")
                .WithDescription("Train the trials that `sweep run --queue CONN` enqueues, until Ctrl-C")
                .WithExample("worker", "--queue", "postgres://sweep:secret@10.0.0.5/sweep");
            commands.Add<StopCommand>(config, "stop")
                .WithDescription("Stop a sweep's runs as Ctrl-C would: running trials interrupted (with --queue, queued jobs removed); `sweep run` resumes it")
                .WithExample("stop", "lr-lambda")
                .WithExample("stop", "lr-lambda", "--queue", "postgres://sweep:secret@10.0.0.5/sweep");
            commands.Add<DashboardCommand>(config, "dashboard")
                .WithDescription("Serve the queue's Hangfire Dashboard on 127.0.0.1, read-only");
            commands.Add<UiCommand>(config, "ui")
                .WithDescription("Serve the live results web UI of a results file on 127.0.0.1, read-only")
                .WithExample("ui", "--port", "8080")
                .WithExample("ui", "--results", "results.db", "--queue", "postgres://sweep:secret@10.0.0.5/sweep");
            commands.Add<ReportCommand>(config, "report")
                .WithDescription("Rank a sweep's trials: mean ± std over seeds, best configuration, marginal means")
                .WithExample("report", "lr-lambda", "--by", "test_acc", "--top", "5");
            commands.Add<StatusCommand>(config, "status").WithDescription("Sweeps in the results file with their trial counts by status");
            commands.Add<TrainCommand>(config, "train")
                .WithDescription("Train the network once and print its metrics")
                .WithExample("train", "--dataset", "mnist", "--hidden", "500", "--lr", "0.5", "--epochs", "10", "--json");
            commands.Add<EvalCommand>(config, "eval")
                .WithDescription("Test accuracy and confusion matrix of saved weights")
                .WithExample("eval", "model.bin", "--dataset", "mnist");
            commands.Add<ExportCommand>(config, "export")
                .WithDescription("Write a sweep's trials (or epochs) as CSV or JSON, for pandas, a spreadsheet or jq")
                .WithExample("export", "lr-lambda", "--trials", "--format", "csv", "-o", "trials.csv")
                .WithExample("export", "lr-lambda", "--epochs", "--format", "json");
            commands.Add<ExportModelCommand>(config, "export-model")
                .WithDescription("Write the kept model of a sweep's best (or rank-N) trial to a file for `sweep eval`")
                .WithExample("export-model", "lr-lambda", "--rank", "1", "-o", "model.bin");
            commands.AddBranch(config, "bench", bench =>
            {
                bench.SetDescription("Benchmarks that print figures and ratios");
                commands.Add<BenchEngineCommand>(bench, "bench", "engine").WithDescription("GEMM GFLOPS and ms per training epoch, 1 and 2 threads");
                commands.Add<BenchSchedulerCommand>(bench, "bench", "scheduler").WithDescription("Scheduling overhead per trial and parallel efficiency of a sweep");
                commands.Add<BenchSearchCommand>(bench, "bench", "search").WithDescription("Grid, random, bayes and hyperband on real MNIST over seeds: cost, best accuracy, and checks");
                commands.Add<BenchUiCommand>(bench, "bench", "ui").WithDescription("sweep ui's page times and the HTML report's size for a generated 10,000-trial sweep");
            });
            commands.AddBranch(config, "data", data =>
            {
                data.SetDescription("Datasets in the local cache");
                commands.Add<DataGetCommand>(data, "data", "get").WithDescription("Fetch a dataset into the cache and verify its checksums")
                    .WithExample("data", "get", "mnist");
            });
        });
        return app;
    }
}
