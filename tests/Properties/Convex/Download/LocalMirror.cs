using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Verification.Properties.Convex.Download;

/// <summary>What a <see cref="LocalMirror"/> does wrong when serving one path.</summary>
internal enum MirrorFault
{
    /// <summary>Serves the file, honouring <c>Range: bytes=N-</c> with 206.</summary>
    None,

    /// <summary>Answers 404.</summary>
    NotFound,

    /// <summary>First request: sends half of the body, then drops the connection. Later requests are served.</summary>
    CutOnceAtHalf,

    /// <summary>Serves bytes of the right length but the wrong content.</summary>
    WrongBytes,

    /// <summary>Sends nothing, not even headers, for several seconds, then drops the connection.</summary>
    StallBeforeHeaders,

    /// <summary>First request: sends half of the body, then nothing for several seconds. Later requests are served.</summary>
    StallOnceAtHalf,

    /// <summary>Ignores Range and always answers 200 with the whole file.</summary>
    IgnoreRange,
}

/// <summary>One request a <see cref="LocalMirror"/> received.</summary>
internal sealed record MirrorRequest(string Path, string? Range);

/// <summary>
/// A real HTTP server on 127.0.0.1 (System.Net.HttpListener on a free port) serving byte arrays by path, with one
/// <see cref="MirrorFault"/> per path, so that the downloader is tested over real sockets: status codes, Range
/// requests, cut connections and stalls. It records every request and counts the body bytes it sent.
/// </summary>
internal sealed class LocalMirror : IDisposable
{
    /// <summary>How long a stalling path stays silent; far beyond the 1 s timeouts the tests inject.</summary>
    private static readonly TimeSpan StallTime = TimeSpan.FromSeconds(8);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, MirrorFault Fault)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requestCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MirrorRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _bytesServed;

    public LocalMirror()
    {
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding; probe again.
            }
        }

        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public IReadOnlyList<MirrorRequest> Requests => _requests.ToArray();

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    /// <summary>The base URL of the folder <paramref name="folder"/> on this server, as the mirror variable takes it.</summary>
    public string Base(string folder) => $"http://127.0.0.1:{Port}/{folder}";

    public void Serve(string path, byte[] content, MirrorFault fault = MirrorFault.None) => _files[path] = (content, fault);

    /// <summary>A port nothing listens on (bound for a moment by the OS, then released).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by an exception from the closed listener; nothing to report.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string path = context.Request.Url!.AbsolutePath;
            string? range = context.Request.Headers["Range"];
            _requests.Enqueue(new MirrorRequest(path, range));
            int count = _requestCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (!_files.TryGetValue(path, out var served) || served.Fault == MirrorFault.NotFound)
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            (byte[] content, MirrorFault fault) = served;
            if (fault == MirrorFault.StallBeforeHeaders)
            {
                await Stall().ConfigureAwait(false);
                response.Abort();
                return;
            }

            if (fault == MirrorFault.WrongBytes)
            {
                content = content.Select(b => (byte)(b ^ 0x5A)).ToArray();
            }

            long from = 0;
            if (range is not null && fault != MirrorFault.IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (from >= content.Length)
                {
                    response.StatusCode = 416;
                    response.Headers["Content-Range"] = $"bytes */{content.Length}";
                    response.Close();
                    return;
                }

                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
            }

            byte[] body = content[(int)from..];
            response.ContentLength64 = body.Length;
            response.SendChunked = false;
            Stream output = response.OutputStream;
            bool firstRequest = count == 1;
            if (firstRequest && fault is MirrorFault.CutOnceAtHalf or MirrorFault.StallOnceAtHalf)
            {
                int half = body.Length / 2;
                await output.WriteAsync(body.AsMemory(0, half)).ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
                Interlocked.Add(ref _bytesServed, half);
                if (fault == MirrorFault.StallOnceAtHalf)
                {
                    await Stall().ConfigureAwait(false);
                }
                else
                {
                    // Let the client read the half before the connection drops, so that it holds exactly that much.
                    await Task.Delay(300).ConfigureAwait(false);
                }

                response.Abort();
                return;
            }

            await output.WriteAsync(body).ConfigureAwait(false);
            Interlocked.Add(ref _bytesServed, body.Length);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away (it timed out or gave up); that is what some tests provoke.
            response.Abort();
        }
    }

    private async Task Stall()
    {
        try
        {
            await Task.Delay(StallTime, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down.
        }
    }
}
