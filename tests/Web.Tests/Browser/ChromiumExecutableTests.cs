namespace Sweep.Web.Tests.Browser;

public class ChromiumExecutableTests
{
    [Fact]
    public void Find_WithoutChromium_FailsNamingTheBinaryAndHowToInstallIt()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => ChromiumExecutable.Find("/nonexistent/bin:/nonexistent/usr/bin", "/nonexistent/chromium"));

        Assert.Contains("chromium not found", missing.Message);
        Assert.Contains("/nonexistent/chromium", missing.Message);
        Assert.Contains("apt-get install -y chromium", missing.Message);
    }

    [Fact]
    public void Find_PrefersChromiumOnPath_OverTheFallback()
    {
        using var folder = new TempFolder();
        var onPath = folder.Write("chromium", "#!/bin/sh\n");
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(onPath, ChromiumExecutable.Find($"/nonexistent:{folder.Path}", ChromiumExecutable.DebianPath));
    }

    [Fact]
    public void Find_SkipsAFileThatIsNotExecutable()
    {
        using var folder = new TempFolder();
        folder.Write("chromium", "not a program");

        Assert.Throws<FileNotFoundException>(() => ChromiumExecutable.Find(folder.Path, "/nonexistent/chromium"));
    }
}
