using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace KazBriefBot.Host.Teams;

/// <summary>Acquires Bot Connector tokens with MSAL client credentials; MSAL caches each token until shortly before it expires.</summary>
public sealed class BotTokenProvider
{
    private readonly Lazy<IConfidentialClientApplication>? _app;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory)
    {
        var settings = options.Value;
        if (settings.IsLocalMode)
        {
            return;
        }

        _app = new Lazy<IConfidentialClientApplication>(() =>
        {
            var authority = new Uri(settings.EffectiveAuthority);
            var builder = ConfidentialClientApplicationBuilder.Create(settings.AppId)
                .WithClientSecret(settings.AppPassword)
                .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory));
            if (string.Equals(authority.Host, "login.microsoftonline.com", StringComparison.OrdinalIgnoreCase))
            {
                builder = builder.WithAuthority(authority.ToString());
            }
            else
            {
                // A private or test authority is not in Microsoft's instance list: skip discovery and validation.
                builder = builder.WithAuthority(authority.ToString(), validateAuthority: false).WithInstanceDiscovery(false);
            }

            return builder.Build();
        });
    }

    /// <summary>Whether outbound calls carry a token (false in local mode).</summary>
    public bool Enabled => _app is not null;

    /// <summary>A bearer token for the Bot Connector, from MSAL's cache when still fresh.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            throw new InvalidOperationException("Teams runs in local mode (no Teams:AppId): outbound calls carry no token.");
        }

        var result = await _app.Value.AcquireTokenForClient([TeamsOptions.BotConnectorScope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(TeamsChannel.MsalClientName);
    }
}
