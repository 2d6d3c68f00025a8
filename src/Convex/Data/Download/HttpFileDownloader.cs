using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Verification.Convex.Data.Download;

/// <summary>
/// Downloads one URL into a partial file (<c>&lt;dest&gt;.part</c>), resuming what is already there with an HTTP Range
/// request: a 206 answer is appended, a 200 answer (a server that ignores ranges) restarts from byte 0. A connection
/// cut mid-file is resumed on the same URL a few times from the bytes on disk. A server that sends nothing for the
/// inactivity timeout (no headers, or no body bytes) ends the attempt with a message naming the URL and the timeout.
/// Verifying the bytes is the caller's job.
/// </summary>
internal sealed class HttpFileDownloader
{
    private const int BufferSize = 1 << 16;
    private readonly HttpClient _http;
    private readonly DataFetchOptions _options;

    public HttpFileDownloader(HttpClient http, DataFetchOptions options)
    {
        _http = http;
        _options = options;
    }

    /// <summary>A client with a short connect timeout and no overall timeout (the inactivity timeout replaces it).</summary>
    public static HttpClient CreateClient(DataFetchOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("optaudit-data-fetch", "1.0"));
        return http;
    }

    /// <summary>Brings <paramref name="partPath"/> to the full content of <paramref name="url"/>, resuming what it holds.</summary>
    /// <exception cref="TransferFailedException">The URL did not deliver the file; the message is the reason.</exception>
    public async Task DownloadAsync(Uri url, string partPath, ITransferMeter meter, CancellationToken cancellationToken)
    {
        int resumes = 0;
        while (true)
        {
            try
            {
                await TransferOnceAsync(url, partPath, meter, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TransferFailedException e) when (e.BytesWritten > 0 && resumes < _options.ResumeRetries)
            {
                // Progress was made, so the server works and the connection broke: resume rather than start over.
                resumes++;
                long onDisk = new FileInfo(partPath).Length;
                meter.Note($"{e.Message}; resuming from byte {onDisk.ToString(CultureInfo.InvariantCulture)} (retry {resumes} of {_options.ResumeRetries}).");
                await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task TransferOnceAsync(Uri url, string partPath, ITransferMeter meter, CancellationToken cancellationToken)
    {
        long have = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var inactivity = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        inactivity.CancelAfter(_options.InactivityTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, inactivity.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Either the inactivity timer fired while waiting for the headers, or the handler gave up connecting.
            throw new TransferFailedException(
                inactivity.IsCancellationRequested
                    ? $"no response within {Seconds(_options.InactivityTimeout)} (inactivity timeout)"
                    : $"{e.Message} (connect timeout {Seconds(_options.ConnectTimeout)})",
                0, e);
        }
        catch (HttpRequestException e)
        {
            throw new TransferFailedException(NetworkReason(e), 0, e);
        }

        using (response)
        {
            bool append;
            long? total = response.Content.Headers.ContentLength;
            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent when have > 0:
                    if (response.Content.Headers.ContentRange is not { From: { } from } range || from != have)
                    {
                        throw new TransferFailedException(
                            $"asked for bytes {have}- but the server answered with range '{response.Content.Headers.ContentRange}'", 0);
                    }

                    append = true;
                    total = range.Length ?? (total is { } rest ? have + rest : null);
                    break;
                case HttpStatusCode.OK:
                    if (have > 0)
                    {
                        meter.Note($"the server ignored the request to resume from byte {have.ToString(CultureInfo.InvariantCulture)} (HTTP 200); starting over from byte 0.");
                    }

                    append = false;
                    break;
                case HttpStatusCode.RequestedRangeNotSatisfiable when have > 0:
                    // Nothing lies beyond what is on disk: the partial file is probably complete, and verification decides.
                    return;
                default:
                    throw new TransferFailedException($"HTTP {(int)response.StatusCode} ({response.ReasonPhrase})", 0);
            }

            long start = append ? have : 0;
            meter.Begin(start, total);
            await using FileStream output = new(partPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
            long written = 0;
            try
            {
                Stream body = await response.Content.ReadAsStreamAsync(inactivity.Token).ConfigureAwait(false);
                byte[] buffer = new byte[BufferSize];
                while (true)
                {
                    inactivity.CancelAfter(_options.InactivityTimeout);
                    int read = await body.ReadAsync(buffer, inactivity.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    written += read;
                    meter.Advance(start + written);
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new TransferFailedException(
                    $"no data for {Seconds(_options.InactivityTimeout)} after byte {(start + written).ToString(CultureInfo.InvariantCulture)} (inactivity timeout)", written, e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // Keep what arrived: the next attempt resumes after it.
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new TransferFailedException(
                    $"connection lost after byte {(start + written).ToString(CultureInfo.InvariantCulture)} ({e.Message})", written, e);
            }

            if (total is { } expected && start + written != expected)
            {
                throw new TransferFailedException(
                    $"the server announced {expected.ToString(CultureInfo.InvariantCulture)} bytes but sent {(start + written).ToString(CultureInfo.InvariantCulture)}", written);
            }
        }
    }

    private static string Seconds(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} s");

    private static string NetworkReason(HttpRequestException e) =>
        e.InnerException is SocketException socket ? $"{e.Message} ({socket.SocketErrorCode})" : e.Message;
}
