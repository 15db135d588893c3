using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Security;

namespace Receptionist.Tests.SignalWire;

/// <summary>One webhook as a receiver saw it: the full URL it was posted to, its form, and its signature headers.</summary>
public sealed record ReceivedWebhook(string Url, string Method, IReadOnlyDictionary<string, string> Form, string? SignalWireSignature, string? TwilioSignature)
{
    /// <summary>The body as sent, when it was not a form (JSON from the AI agent).</summary>
    public string? RawBody { get; init; }

    public string? Authorization { get; init; }

    public string this[string key] => Form[key];

    /// <summary>Checks the signature the way our webhook endpoints will: Twilio's validator, over the URL as received.</summary>
    public bool IsSignedWith(string signingKey) =>
        SignalWireSignature is not null
        && SignalWireSignature == TwilioSignature
        && new RequestValidator(signingKey).Validate(Url, new Dictionary<string, string>(Form), SignalWireSignature);
}

/// <summary>
/// A tiny Kestrel endpoint on 127.0.0.1 that records every webhook and answers 200 with an empty cXML response, or
/// with the document set for its path by <see cref="Answer"/> (a small cXML or SWML app).
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentDictionary<string, (string Body, string ContentType)> answers = new(StringComparer.Ordinal);

    private CallbackReceiver(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackReceiver? receiver = null;
        app.Run(async context =>
        {
            string? raw = null;
            Dictionary<string, string> form;
            if (context.Request.HasFormContentType)
            {
                form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            }
            else
            {
                form = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
                raw = await new StreamReader(context.Request.Body).ReadToEndAsync();
            }

            var url = $"{receiver!.BaseAddress.GetLeftPart(UriPartial.Authority)}{context.Request.Path}{context.Request.QueryString}";
            receiver.received.Enqueue(new ReceivedWebhook(
                url, context.Request.Method, form,
                context.Request.Headers["X-SignalWire-Signature"].FirstOrDefault(), context.Request.Headers["X-Twilio-Signature"].FirstOrDefault())
            {
                RawBody = raw,
                Authorization = context.Request.Headers.Authorization.FirstOrDefault(),
            });
            var (body, contentType) = receiver.answers.TryGetValue(context.Request.Path.Value ?? "", out var answer)
                ? answer
                : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "application/xml");
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new CallbackReceiver(app, new Uri(address));
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>From now on, requests to <paramref name="path"/> are answered with <paramref name="body"/>.</summary>
    public void Answer(string path, string body, string contentType = "application/xml") => answers[path] = (body, contentType);

    /// <summary>The webhooks posted to one path, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> At(string path) =>
        [.. received.Where(r => new Uri(r.Url).AbsolutePath == path)];

    /// <summary>Waits until <paramref name="done"/> holds for the webhooks received at <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(string path, Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var atPath = At(path);
            if (done(atPath))
            {
                return atPath;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Webhooks at {path} never met the condition; got: {string.Join(" | ", atPath.Select(r => string.Join('&', r.Form.Select(f => f.Key + "=" + f.Value))))}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
