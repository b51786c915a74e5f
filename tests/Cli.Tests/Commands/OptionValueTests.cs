namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// Every value-taking option of every command, found by reflection: without its value, or with a value of the wrong
/// kind, `sweep` exits 2 with one line naming the option, writes nothing, and never shows a .NET type name. These are
/// argument errors, so they are refused before any data or results file is opened.
/// </summary>
public class OptionValueTests
{
    private static readonly string[] TypeNames = ["Nullable", "Int32", "UInt64", "Double", "System.", "`1", "__default_command"];

    public static TheoryData<string, string> ValueOptions() => Cases(option => option.TakesValue);

    public static TheoryData<string, string> NumericOptions() => Cases(option => option.TakesValue && option.IsNumeric);

    [Theory]
    [MemberData(nameof(ValueOptions))]
    public void OptionWithoutItsValue_AtTheEnd_OrBeforeAnotherOption_ExitsTwo_NamingIt(string path, string name)
    {
        var command = SweepCommandModel.Instance.Command(path);
        var other = command.Options.First(option => option.Name != name).Name;

        AssertRefused([.. command.Line, name], name);
        AssertRefused([.. command.Line, name, other], name);
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void NumericOption_WithAValueOfTheWrongKind_ExitsTwo_NamingIt_WithoutATypeName(string path, string name)
    {
        var command = SweepCommandModel.Instance.Command(path);
        var option = command.Options.Single(candidate => candidate.Name == name);
        // -1 is a whole number but not a seed (ulong); every other numeric option refuses words.
        var wrong = option.Underlying == typeof(ulong) ? "-1" : "abc";

        var stderr = AssertRefused([.. command.Line, name, wrong], name);
        Assert.Contains($"'{wrong}'", stderr);
        Assert.Contains("expected", stderr);
    }

    [Theory]
    [InlineData("train", "--epochs", "2147483648", "a whole number at most 2147483647")]
    [InlineData("train", "--batch", "-99999999999", "a whole number at least -2147483648")]
    [InlineData("train", "--seed", "18446744073709551616", "a whole number at most 18446744073709551615")]
    public void WholeNumber_OutsideItsType_ExitsTwo_NamingTheBoundItBroke(string path, string name, string value, string expected)
    {
        var command = SweepCommandModel.Instance.Command(path);

        var stderr = AssertRefused([.. command.Line, name, value], name);

        Assert.Equal($"sweep: {name}: expected {expected}, got '{value}'", stderr);
    }

    [Fact]
    public void TheTheories_CoverEveryCommandThatHasValueOptions()
    {
        var covered = ValueOptions().Select(row => (string)row[0]).Distinct().ToArray();

        Assert.Equal(SweepCommandModel.Instance.Commands.Count, covered.Length);
        Assert.Contains(NumericOptions(), row => (string)row[0] == "train" && (string)row[1] == "--seed");
    }

    private static TheoryData<string, string> Cases(Func<CliOption, bool> include)
    {
        var data = new TheoryData<string, string>();
        foreach (var command in SweepCommandModel.Instance.Commands)
            foreach (var option in command.Options.Where(include))
                data.Add(command.Path, option.Name);
        return data;
    }

    /// <summary>Runs in an empty folder (where results.db and a stray `__default_command` would land) and returns stderr.</summary>
    private static string AssertRefused(string[] line, string option)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, line);

        Assert.True(result.ExitCode == 2, $"sweep {string.Join(' ', line)}: {result}");
        var error = Assert.Single(result.StderrLines);
        Assert.StartsWith($"sweep: {option}: ", error);
        Assert.DoesNotContain(TypeNames, name => error.Contains(name, StringComparison.Ordinal));
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        return error;
    }
}
