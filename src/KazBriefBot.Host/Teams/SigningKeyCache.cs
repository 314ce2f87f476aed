using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// The Bot Framework OpenID metadata and signing keys, fetched once and kept for <see cref="RefreshInterval"/>.
/// A token naming a key that is not in the cache forces one blocking fetch, so a rolled-over key is accepted on its
/// first request; forced fetches are at most one per <see cref="MinimumForcedRefreshInterval"/>, so tokens with made-up
/// key ids cannot make the bot hammer the metadata endpoint.
/// </summary>
/// <remarks>
/// IdentityModel 8's ConfigurationManager refreshes in the background after RequestRefresh and returns the old keys to
/// the request that asked, which is why this small cache exists.
/// </remarks>
public sealed class SigningKeyCache(string metadataUrl, IDocumentRetriever retriever, TimeProvider time)
{
    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);

    /// <summary>The least time between two fetches forced by unknown key ids (IdentityModel's default refresh interval).</summary>
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _lastForced;

    /// <summary>The cached configuration, fetched first if there is none or it is older than <see cref="RefreshInterval"/>.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && time.GetUtcNow() - _fetchedAt < RefreshInterval)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is not null && time.GetUtcNow() - _fetchedAt < RefreshInterval)
            {
                return _current;
            }

            try
            {
                return await FetchAsync(cancellationToken);
            }
            catch (Exception) when (_current is not null)
            {
                // Keep serving the old keys while the endpoint is down; try again on the next request.
                return _current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fetches the keys again because a token names an unknown key; null when a forced fetch happened too recently.</summary>
    public async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        var seen = _fetchedAt;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_fetchedAt != seen && _current is not null)
            {
                return _current; // Another request refreshed while this one waited.
            }

            var now = time.GetUtcNow();
            if (_lastForced is { } last && now - last < MinimumForcedRefreshInterval)
            {
                return null;
            }

            _lastForced = now;
            return await FetchAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<OpenIdConnectConfiguration> FetchAsync(CancellationToken cancellationToken)
    {
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken);
        _fetchedAt = time.GetUtcNow();
        Volatile.Write(ref _current, configuration);
        return configuration;
    }
}
