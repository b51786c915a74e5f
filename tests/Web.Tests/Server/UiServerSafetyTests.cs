using System.Text.Json;

namespace Sweep.Web.Tests.Server;

/// <summary>What `sweep ui` refuses and how it shows untrusted values: methods, Host header, escaping, headers.</summary>
public sealed class UiServerSafetyTests : UiServerTest
{
    [Theory]
    [InlineData("POST", "/")]
    [InlineData("POST", "/api/sweeps")]
    [InlineData("PUT", "/api/sweeps/grid-ui")]
    [InlineData("DELETE", "/sweeps/grid-ui")]
    [InlineData("PATCH", "/no/such/page")]
    public async Task AnyMethodButGetOrHead_Is405_WithAllow(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") };

        using var response = await Ui.Client.SendAsync(request);

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Head_AnswersLikeGet_WithoutABody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/api/sweeps");

        using var response = await Ui.Client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task AForeignHostHeader_Is400(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps");
        request.Headers.Host = $"{host}:{Ui.Server.Address.Port}";

        using var response = await Ui.Client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.DoesNotContain(UiResultsFile.SweepName, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LocalhostOnTheServedPort_IsAnswered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps");
        request.Headers.Host = $"localhost:{Ui.Server.Address.Port}";

        using var response = await Ui.Client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task AScriptTagInATrialError_NeverReachesThePageAsMarkup_AndReadsBackExactlyFromTheJson()
    {
        var failed = Results.Trials[3].Hash;

        var (_, html, _) = await Ui.GetAsync($"/trials/{failed}");
        var (_, sweepHtml, _) = await Ui.GetAsync($"/sweeps/{UiResultsFile.SweepName}");
        var trial = await Ui.JsonAsync($"/api/trials/{failed}");

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<script>alert", sweepHtml);
        Assert.Contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E", html); // inside the JSON data element, escaped
        Assert.Equal(UiResultsFile.ScriptError, trial.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ANameWithMarkup_IsHtmlEncoded_OnThe404Page()
    {
        var (status, html, _) = await Ui.GetAsync("/sweeps/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");

        Assert.Equal(404, status);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Fact]
    public async Task Pages_ForbidScriptsAndRequestsFromOtherHosts_ByContentSecurityPolicy()
    {
        var (_, _, response) = await Ui.GetAsync($"/sweeps/{UiResultsFile.SweepName}");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task TheJson_IsValid_AndHasNoRawAngleBrackets()
    {
        var (_, body, _) = await Ui.GetAsync($"/api/sweeps/{UiResultsFile.SweepName}");

        using var parsed = JsonDocument.Parse(body);
        Assert.DoesNotContain('<', body);
        Assert.DoesNotContain('>', body);
    }
}
