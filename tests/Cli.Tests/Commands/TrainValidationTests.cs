namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep train` refuses, before training, every option that would only fail after it: a validation set as large as
/// the training set, a network over the memory budget, and a --save path that cannot be written. Exit 2, one line.
/// </summary>
public sealed class TrainValidationTests
{
    [Theory]
    [InlineData("--val-size 60000", "sweep: --val-size must be less than the 60000 training examples of mnist (at most 59999), got 60000")]
    [InlineData("--val-size 2147483647", "sweep: --val-size must be less than the 60000 training examples of mnist")]
    [InlineData("--hidden 100000000", "sweep: --hidden 100000000: hidden[0]=100000000: the 784×100000000 layer needs ")]
    [InlineData("--hidden 500,100000000", "sweep: --hidden 500,100000000: hidden[1]=100000000: the 500×100000000 layer needs ")]
    public void Train_RefusesBeforeTraining_WhatTheEngineWouldRejectLater(string arguments, string expected)
    {
        var result = SweepProcess.Run(["train", "--epochs", "1", .. arguments.Split(' ')]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(expected, Assert.Single(result.StderrLines));
        Assert.DoesNotContain("epoch 1/1", result.Stdout + result.Stderr);
    }

    [Fact]
    public void Train_RefusesToSaveIntoAMissingFolder_BeforeTraining()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "missing", "m.bin");

        var result = SweepProcess.Run("train", "--epochs", "1", "--save", target);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"sweep: --save {target}: the folder {Path.GetDirectoryName(target)} does not exist; create it first", Assert.Single(result.StderrLines));
        Assert.DoesNotContain("epoch 1/1", result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Train_RefusesToSaveOverAFolder_BeforeTraining()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("train", "--epochs", "1", "--save", folder.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"sweep: --save {folder.Path}: that is a folder", Assert.Single(result.StderrLines));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Train_RefusesToSaveUnderAPathWhoseFolderIsAFile_BeforeTraining()
    {
        using var folder = new TempFolder();
        var file = folder.Write("plain.txt", "not a folder");
        var target = Path.Combine(file, "m.bin");

        var result = SweepProcess.Run("train", "--epochs", "1", "--save", target);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"sweep: --save {target}: {file} is a file, not a folder", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Train_SavesIntoAWritableFolder_AndLeavesNoProbeBehind()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "m.bin");

        var result = SweepProcess.Run("train", "--epochs", "1", "--save", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["m.bin"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
