using System.Text.Json;
using Sweep.Results.Reports;

namespace Sweep.Results.Tests.Reports;

public sealed class RendererTests
{
    private readonly SweepReport report = ReportFixture.Report();

    [Fact]
    public void MarkdownRenderer_WritesTablesWithOneRowPerConfiguration()
    {
        var output = new StringWriter();

        MarkdownReportRenderer.Render(report, output);

        var lines = output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Equal("# Sweep `lr-lambda`", lines[0]);
        Assert.Contains("| # | lambda | lr | val_acc | std | n | seconds |", lines);
        Assert.Contains("| 1 | 0.0001 | 0.5 | 97.00% | - | 1 | 14.0s |", lines);
        Assert.Contains("| 4 | 0.0001 | 0.1 | 91.00% | 1.41% | 2 | 10.5s |", lines);
        Assert.Contains("| lr | 1 | - | 0 |", lines);
        Assert.Contains("| failed | " + report.Failures[1].Hash[..12] + " | IOException: disk full |", lines);
    }

    [Fact]
    public void CsvRenderer_WritesAHeaderAndOneQuotedRowPerConfiguration()
    {
        var output = new StringWriter();

        CsvReportRenderer.Render(report, output);

        var lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("sweep,rank,batch,beta1,beta2,dropout,epochs,eps,hidden,init,lambda,layers,lr,lr_schedule,momentum,optimizer,val_size,seeds,n," +
                     "mean_val_acc,mean_val_loss,mean_test_acc,mean_test_loss,mean_train_loss,std_val_acc,mean_seconds", lines[0]);
        Assert.All(lines, line => Assert.Equal(26, line.Split(',').Length));
        Assert.Equal(lines[0].Split(',').Length, lines[0].Split(',').Distinct().Count()); // no column twice
        Assert.StartsWith("lr-lambda,1,100,0.9,0.999,0,3,1E-08,none,gaussian,0.0001,none,0.5,cooldown,0,sgd,10000,1,1,0.97,", lines[1]);
        Assert.StartsWith("lr-lambda,4,100,0.9,0.999,0,3,1E-08,none,gaussian,0.0001,none,0.1,cooldown,0,sgd,10000,1 2,2,0.91", lines[4]);
    }

    [Fact]
    public void JsonRenderer_WritesTheWholeReportInSnakeCase()
    {
        var output = new StringWriter();

        JsonReportRenderer.Render(report, output);

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("lr-lambda", root.GetProperty("sweep").GetString());
        Assert.Equal("maximize", root.GetProperty("goal").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("diverged").GetInt32());
        var best = root.GetProperty("best");
        Assert.Equal(0.97, best.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(0.5, best.GetProperty("parameters").GetProperty("lr").GetDouble());
        Assert.Equal(JsonValueKind.Null, best.GetProperty("std").ValueKind);
        Assert.Equal(4, root.GetProperty("groups").GetArrayLength());
        Assert.Equal("lr", root.GetProperty("marginals")[1].GetProperty("parameter").GetString());
        Assert.Equal("failed", root.GetProperty("failures")[1].GetProperty("status").GetString());
        Assert.False(best.TryGetProperty("config", out _));
    }
}
