namespace Sweep.Engine.Data;

/// <summary>An HTTP(S) base URL serving &lt;name&gt;.gz, as the public MNIST mirrors do.</summary>
public sealed class HttpSource : IDataSource
{
    private readonly Uri _baseUri;
    private readonly HttpClient _http;

    public HttpSource(string baseUrl, HttpClient http)
    {
        // Without the trailing slash, relative resolution would drop the last path segment of the base.
        _baseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        _http = http;
    }

    public string Description => _baseUri.ToString();

    public async Task<SourceFile> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var url = new Uri(_baseUri, name + MnistFiles.GzipSuffix);
        var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {url}");
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new SourceFile(stream, response.Content.Headers.ContentLength, response);
    }

    public void Dispose() { }
}
