using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Events;

/// <summary>How the receiver answers the next request.</summary>
public enum ReceiverMode
{
    Ok,
    Fail,

    /// <summary>Answers nothing until the client gives up.</summary>
    Hang,

    /// <summary>200 with a body far larger than anyone should read.</summary>
    HugeBody,
}

/// <summary>One webhook as received: its Standard Webhooks headers, raw body, and what the receiver answered.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string Body, ReceiverMode Answer)
{
    /// <summary>Verifies the signature as a receiver would: whsec_ secret, HMAC-SHA256 over "{id}.{timestamp}.{body}".</summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return (Signature ?? "").Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), Encoding.UTF8.GetBytes(expected)));
    }
}

/// <summary>A tenant's receiving server: real Kestrel on 127.0.0.1, answering as its current mode says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly LockedCollection<ReceivedWebhook> received = new();
    private volatile int hugeBodiesAbandoned;

    private WebhookReceiver(WebApplication app, int port)
    {
        this.app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public ReceiverMode Mode { get; set; } = ReceiverMode.Ok;

    public IReadOnlyList<ReceivedWebhook> Received => received.Snapshot();

    /// <summary>Huge bodies whose sending failed because the client hung up without reading them.</summary>
    public int HugeBodiesAbandoned => hugeBodiesAbandoned;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = PostgresServer.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public async Task<List<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var now = Received;
            if (condition(now))
            {
                return [.. now];
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; received {now.Count}: {string.Join(", ", now.Select(r => $"{r.Path} {r.Id} {r.Answer}"))}");
            await Task.Delay(50);
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var mode = Mode;
        var headers = context.Request.Headers;
        received.Add(new ReceivedWebhook(context.Request.Path, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, mode));
        switch (mode)
        {
            case ReceiverMode.Fail:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("down for maintenance");
                break;
            case ReceiverMode.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The sender gave up, as it should.
                }

                break;
            case ReceiverMode.HugeBody:
                await WriteHugeBodyAsync(context);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }

    private async Task WriteHugeBodyAsync(HttpContext context)
    {
        const int chunks = 16 * 1024;
        var chunk = new byte[64 * 1024];
        var written = 0;
        try
        {
            // 1 GiB: reading it would take the sender far longer than its timeout. Kestrel may accept writes after the
            // client hung up without failing them, so the abort is checked as well.
            for (; written < chunks && !context.RequestAborted.IsCancellationRequested; written++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The sender hung up. A failed write may come before RequestAborted is signalled, so the count below
            // goes by how much was written, not by the token.
        }

        if (written < chunks || await HungUpAsync(context.RequestAborted))
        {
            Interlocked.Increment(ref hugeBodiesAbandoned);
        }
    }

    /// <summary>
    /// Once the sender has hung up, Kestrel completes writes without sending them and signals the abort from the thread
    /// pool, so under load every chunk can be "written" before the token fires: wait for it. A sender that read the
    /// whole body would leave the token unsignalled and the request complete.
    /// </summary>
    private static async Task<bool> HungUpAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
