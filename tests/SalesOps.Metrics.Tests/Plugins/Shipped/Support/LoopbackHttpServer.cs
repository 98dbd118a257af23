using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port: it records each request (method, path, headers, body) and
/// answers with the next scripted status (200 when the script is empty), closing each connection after one exchange.
/// The request is recorded before the answer is sent, so a client that has its response can assert on it at once.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<HttpStatusCode> _script = new();
    private readonly Lock _gate = new();
    private readonly List<Request> _requests = [];
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/sales";
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Answer(params HttpStatusCode[] statuses)
    {
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                _script.Enqueue(status);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client.GetStream());
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]).Split("\r\n");
        var requestLine = head[0].Split(' ');
        var headers = head.Skip(1)
            .Select(h => h.Split(':', 2))
            .ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        while (buffer.Count < headerEnd + 4 + length)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var body = Encoding.UTF8.GetString([.. buffer.Skip(headerEnd + 4).Take(length)]);
        HttpStatusCode status;
        lock (_gate)
        {
            _requests.Add(new Request(requestLine[0], requestLine[1], headers, body));
            status = _script.Count > 0 ? _script.Dequeue() : HttpStatusCode.OK;
        }

        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {(int)status} {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response, _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}
