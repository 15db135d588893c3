using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>
/// JWT validation that remembers, per silo, the tokens it accepted, so a client polling with one token pays for the
/// signature check and the claims parse once, not on every request (they were most of a live status read's cost).
/// A remembered token is accepted again only while it has not expired (its <c>exp</c>, without the clock skew a full
/// validation allows) and while the key that signed it is still one of the configured signing keys (the same key
/// object: a changed secret or a refreshed key set validates every token afresh); anything else is validated in full,
/// issuer, audience, signature and lifetime, exactly as before. Only accepted tokens are kept, at most
/// <see cref="Capacity"/> of them; a refused token is never remembered.
/// </summary>
public sealed class RememberingTokenHandler : JsonWebTokenHandler
{
    public const int DefaultCapacity = 4096;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, AcceptedToken> accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AcceptedToken>.AlternateLookup<ReadOnlySpan<char>> acceptedBySpan;
    private long nextSweepTicks;

    public RememberingTokenHandler(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        acceptedBySpan = accepted.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many accepted tokens the silo keeps at most; beyond it, further tokens are validated every time.</summary>
    public int Capacity { get; }

    /// <summary>
    /// The identity of a token this handler accepted, when it may be served again without validating it: not expired and
    /// signed by a key that is still configured (in <paramref name="parameters"/> or, for an authority, its current key
    /// set in <paramref name="configuration"/>). Null otherwise: validate the token in full. The identity is the
    /// caller's own copy.
    /// </summary>
    public ValueTask<ClaimsIdentity?> RecallAsync(ReadOnlySpan<char> token, TokenValidationParameters parameters, BaseConfigurationManager? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!acceptedBySpan.TryGetValue(token, out var known) || DateTimeOffset.UtcNow >= known.Expires)
        {
            return default;
        }

        if (IsConfiguredKey(known.SigningKey, parameters))
        {
            return new(AcceptedToken.Copy(known.Identity));
        }

        return configuration is null ? default : RecallFromConfigurationAsync(known, configuration);
    }

    private static async ValueTask<ClaimsIdentity?> RecallFromConfigurationAsync(AcceptedToken known, BaseConfigurationManager configuration) =>
        Contains((await configuration.GetBaseConfigurationAsync(CancellationToken.None))?.SigningKeys, known.SigningKey)
            ? AcceptedToken.Copy(known.Identity)
            : null;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        // The validator's own clock (the system's): a remembered token is served until its expiry, before a fresh check would refuse it.
        var now = DateTimeOffset.UtcNow;
        if (token is not null && accepted.TryGetValue(token, out var known))
        {
            if (now < known.Expires && await IsStillTrustedAsync(known.SigningKey, validationParameters))
            {
                return known.ToResult();
            }

            accepted.TryRemove(new KeyValuePair<string, AcceptedToken>(token, known));
        }

        var result = await base.ValidateTokenAsync(token!, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken { SigningKey: { } key } jwt && result.ClaimsIdentity is { } identity)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
            if (now < expires)
            {
                Remember(token!, new AcceptedToken(AcceptedToken.Copy(identity), jwt, key, expires, result.Issuer, result.TokenType), now);
            }
        }

        return result;
    }

    private void Remember(string token, AcceptedToken entry, DateTimeOffset now)
    {
        if (accepted.Count >= Capacity)
        {
            SweepExpired(now);
            if (accepted.Count >= Capacity)
            {
                return;
            }
        }

        accepted[token] = entry;
    }

    /// <summary>Drops expired tokens, at most once per <see cref="SweepInterval"/> so a full memory costs no scan per request.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, due) != due)
        {
            return;
        }

        foreach (var (token, entry) in accepted)
        {
            if (entry.Expires <= now)
            {
                accepted.TryRemove(new KeyValuePair<string, AcceptedToken>(token, entry));
            }
        }
    }

    /// <summary>
    /// Whether the key that signed the token is still configured: the shared secret's key, or one of the authority's
    /// current keys (the key set the validator itself would use).
    /// </summary>
    private static async ValueTask<bool> IsStillTrustedAsync(SecurityKey signingKey, TokenValidationParameters parameters)
    {
        if (IsConfiguredKey(signingKey, parameters))
        {
            return true;
        }

        if (parameters.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetBaseConfigurationAsync(CancellationToken.None);
            return Contains(configuration?.SigningKeys, signingKey);
        }

        return false;
    }

    private static bool IsConfiguredKey(SecurityKey signingKey, TokenValidationParameters parameters) =>
        ReferenceEquals(parameters.IssuerSigningKey, signingKey) || Contains(parameters.IssuerSigningKeys, signingKey);

    private static bool Contains(IEnumerable<SecurityKey>? keys, SecurityKey key)
    {
        if (keys is null)
        {
            return false;
        }

        foreach (var candidate in keys)
        {
            if (ReferenceEquals(candidate, key))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record AcceptedToken(
        ClaimsIdentity Identity, JsonWebToken Token, SecurityKey SigningKey, DateTimeOffset Expires, string? Issuer, string? TokenType)
    {
        /// <summary>Each request gets its own copy of the identity, so nothing one request does to it reaches another.</summary>
        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = Copy(Identity),
            SecurityToken = Token,
            Issuer = Issuer,
            TokenType = TokenType,
        };

        /// <summary>A copy that keeps the validator's case-sensitive claim lookups.</summary>
        public static ClaimsIdentity Copy(ClaimsIdentity identity) =>
            identity is CaseSensitiveClaimsIdentity ? new CaseSensitiveClaimsIdentity(identity) : identity.Clone();
    }
}
