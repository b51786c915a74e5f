using System.Net;
using System.Net.Sockets;

namespace Sweep.Engine.Tests.Data;

/// <summary>Serves the files of one folder over HTTP on 127.0.0.1 only, for testing the HTTP source without the internet.</summary>
public sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly Task _loop;

    public LoopbackFileServer(string folder)
    {
        _folder = folder;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/mnist/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; } // stopped
            using var response = context.Response;
            var path = Path.Combine(_folder, Path.GetFileName(context.Request.Url!.AbsolutePath));
            if (!File.Exists(path))
            {
                response.StatusCode = 404;
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(path);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
