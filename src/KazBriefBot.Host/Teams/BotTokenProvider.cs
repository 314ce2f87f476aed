using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// Acquires Bot Connector tokens with MSAL: client credentials (secret or certificate) for single- and multi-tenant
/// registrations, the managed identity endpoint for a user-assigned managed identity. MSAL caches each token until
/// shortly before it expires.
/// </summary>
public sealed class BotTokenProvider : IDisposable
{
    private readonly Lazy<IConfidentialClientApplication>? _confidential;
    private readonly Lazy<IManagedIdentityApplication>? _managed;
    private readonly TeamsOptions _settings;
    private X509Certificate2? _certificate;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory)
    {
        _settings = options.Value;
        if (_settings.IsLocalMode)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        if (_settings.AppType == TeamsAppType.UserAssignedMSI)
        {
            _managed = new Lazy<IManagedIdentityApplication>(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(_settings.AppId))
                .WithHttpClientFactory(msalHttp)
                .Build());
            return;
        }

        _confidential = new Lazy<IConfidentialClientApplication>(() => BuildConfidential(msalHttp));
    }

    /// <summary>Whether outbound calls carry a token (false in local mode).</summary>
    public bool Enabled => _confidential is not null || _managed is not null;

    /// <summary>A bearer token for the Bot Connector, from MSAL's cache when still fresh.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_managed is not null)
        {
            // Managed identity endpoints take a resource, not a scope.
            var identity = await _managed.Value.AcquireTokenForManagedIdentity(_settings.EffectiveResource).ExecuteAsync(cancellationToken);
            return identity.AccessToken;
        }

        if (_confidential is null)
        {
            throw new InvalidOperationException("Teams runs in local mode (no Teams:AppId): outbound calls carry no token.");
        }

        var result = await _confidential.Value.AcquireTokenForClient([_settings.EffectiveScope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    public void Dispose() => _certificate?.Dispose();

    private IConfidentialClientApplication BuildConfidential(IMsalHttpClientFactory msalHttp)
    {
        var authority = new Uri(_settings.EffectiveAuthority);
        var builder = ConfidentialClientApplicationBuilder.Create(_settings.AppId).WithHttpClientFactory(msalHttp);
        if (string.IsNullOrWhiteSpace(_settings.CertificatePath))
        {
            builder = builder.WithClientSecret(_settings.AppPassword);
        }
        else
        {
            _certificate = LoadCertificate(_settings.CertificatePath, _settings.CertificatePassword);
            builder = builder.WithCertificate(_certificate);
        }

        if (authority.Host.Equals("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase)
            || authority.Host.Equals("login.microsoftonline.us", StringComparison.OrdinalIgnoreCase))
        {
            builder = builder.WithAuthority(authority.ToString());
        }
        else
        {
            // A private or test authority is not in Microsoft's instance list: skip discovery and validation.
            builder = builder.WithAuthority(authority.ToString(), validateAuthority: false).WithInstanceDiscovery(false);
        }

        return builder.Build();
    }

    /// <summary>A PFX/PKCS#12 file, or a PEM file holding the certificate and its private key.</summary>
    private static X509Certificate2 LoadCertificate(string path, string password)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(TeamsChannel.MsalClientName);
    }
}
