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
            config.UseStrictParsing(); // an unknown option is an error, not a silently ignored argument
            config.SetApplicationVersion(typeof(SweepApp).Assembly.GetName().Version?.ToString() ?? "0");
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
            config.AddCommand<RunCommand>("run")
                .WithDescription("Validate a sweep file and run its trials (--dry-run lists them)")
                .WithExample("run", "sweeps/lr-lambda.yaml", "--dry-run")
                .WithExample("run", "sweeps/lr-lambda.yaml", "lr=0.1,0.5", "epochs=3", "--dry-run");
            config.AddCommand<WorkerCommand>("worker")
                .WithDescription("Train the trials that `sweep run --queue CONN` enqueues, until Ctrl-C")
                .WithExample("worker", "--queue", "postgres://sweep:secret@10.0.0.5/sweep");
            config.AddCommand<DashboardCommand>("dashboard")
                .WithDescription("Serve the queue's Hangfire Dashboard on 127.0.0.1, read-only");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Rank a sweep's trials: mean ± std over seeds, best configuration, marginal means")
                .WithExample("report", "lr-lambda", "--by", "test_acc", "--top", "5");
            config.AddCommand<StatusCommand>("status").WithDescription("Sweeps in the results file with their trial counts by status");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train the network once and print its metrics")
                .WithExample("train", "--dataset", "mnist", "--hidden", "500", "--lr", "0.5", "--epochs", "10", "--json");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Test accuracy and confusion matrix of saved weights")
                .WithExample("eval", "model.bin", "--dataset", "mnist");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks that print figures and ratios");
                bench.AddCommand<BenchEngineCommand>("engine").WithDescription("GEMM GFLOPS and ms per training epoch, 1 and 2 threads");
                bench.AddCommand<BenchSchedulerCommand>("scheduler").WithDescription("Scheduling overhead per trial and parallel efficiency of a sweep");
            });
            config.AddBranch("data", data =>
            {
                data.SetDescription("Datasets in the local cache");
                data.AddCommand<DataGetCommand>("get").WithDescription("Fetch a dataset into the cache and verify its checksums")
                    .WithExample("data", "get", "mnist");
            });
        });
        return app.Run(args);
    }
}
