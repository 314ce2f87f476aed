using System.Net;
using System.Security.Cryptography;
using System.Text;
using KazBriefBot.Host.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>
/// The OAuth v2 install ("Add to Slack"): GET /slack/install sends the browser to Slack's authorize page with a state bound
/// to that browser by a cookie; GET /slack/oauth/callback checks the state, exchanges the code at oauth.v2.access and stores
/// the team's bot token (encrypted) and bot user id. A forged, stale or cookie-less state gets 400 and no exchange.
/// </summary>
public sealed partial class SlackOAuth(
    SlackApiClient api,
    SlackInstallationStore installations,
    IDataProtectionProvider protection,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackOAuth> logger)
{
    /// <summary>The cookie that binds an install's state to the browser that started it.</summary>
    public const string StateCookie = "kazbrief_slack_oauth_state";

    /// <summary>How long an install may take between the redirect and the callback.</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _state = protection.CreateProtector("KazBriefBot.Slack.OAuthState.v1").ToTimeLimitedDataProtector();

    /// <summary>GET /slack/install: a redirect to Slack's authorize page.</summary>
    public IResult Install(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        if (!settings.IsOAuthConfigured)
        {
            return NotConfigured();
        }

        // A random nonce, sealed with an expiry: only this host can mint a state, and only for a while.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var state = _state.Protect(nonce, time.GetUtcNow() + StateLifetime);
        context.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // Slack's redirect back is a top-level GET, which Lax lets the cookie ride on.
            Path = "/slack/oauth",
            MaxAge = StateLifetime,
        });
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = string.Join(',', settings.Scopes),
            ["state"] = state,
        };
        if (settings.RedirectUri is not null)
        {
            query["redirect_uri"] = settings.RedirectUri.ToString();
        }

        return Results.Redirect(QueryHelpers.AddQueryString(settings.AuthorizeUrl.ToString(), query));
    }

    /// <summary>GET /slack/oauth/callback: stores the installation, or explains in 4xx why not.</summary>
    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        if (!settings.IsOAuthConfigured)
        {
            return NotConfigured();
        }

        var query = context.Request.Query;
        var state = query["state"].ToString();
        var cookie = context.Request.Cookies[StateCookie];
        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/slack/oauth" });
        if (!IsValidState(state, cookie))
        {
            LogBadState(logger, string.IsNullOrEmpty(cookie) ? "no state cookie" : "state does not match, was forged or expired");
            return Page(StatusCodes.Status400BadRequest, "Installation not completed",
                "This link is not from an install started in this browser, or it expired. Start again from /slack/install.");
        }

        if (query["error"].ToString() is { Length: > 0 } denied)
        {
            return Page(StatusCodes.Status400BadRequest, "Installation cancelled", $"Slack reported: {denied}. Nothing was installed.");
        }

        var code = query["code"].ToString();
        if (code.Length == 0)
        {
            return Page(StatusCodes.Status400BadRequest, "Installation not completed", "Slack's answer carries no code.");
        }

        var result = await api.ExchangeCodeAsync(settings.ClientId!, settings.ClientSecret!, code, settings.RedirectUri, context.RequestAborted).ConfigureAwait(false);
        var installation = result.Ok ? ToInstallation(result) : null;
        if (installation is null)
        {
            LogExchangeFailed(logger, result.Error ?? "no bot token in the answer");
            return Page(StatusCodes.Status502BadGateway, "Installation failed", $"Slack did not grant a bot token ({result.Error ?? "no bot token"}). Try again.");
        }

        await installations.SaveAsync(installation, context.RequestAborted).ConfigureAwait(false);
        LogInstalled(logger, installation.TeamId, installation.TeamName ?? "(no name)", installation.BotUserId);
        return Page(StatusCodes.Status200OK, "KazBrief is installed", $"KazBrief can now answer in {installation.TeamName ?? installation.TeamId}. Type /kazbrief help in Slack.");
    }

    private bool IsValidState(string state, string? cookie)
    {
        if (state.Length == 0 || string.IsNullOrEmpty(cookie)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(cookie)))
        {
            return false;
        }

        try
        {
            _ = _state.Unprotect(state, out var expires);
            return expires > time.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The installation in an oauth.v2.access answer, or null when it lacks a bot token, a team or a bot user.</summary>
    private static SlackInstallation? ToInstallation(SlackApiResult result)
    {
        var body = result.Body;
        var token = SlackEndpoints.Str(body, "access_token");
        var team = body?["team"] as System.Text.Json.Nodes.JsonObject;
        var teamId = SlackEndpoints.Str(team, "id");
        var botUser = SlackEndpoints.Str(body, "bot_user_id");
        if (SlackEndpoints.Str(body, "token_type") != "bot" || token is null || teamId is null || botUser is null)
        {
            return null;
        }

        return new SlackInstallation(
            teamId,
            SlackEndpoints.Str(team, "name"),
            SlackEndpoints.Str(body?["enterprise"] as System.Text.Json.Nodes.JsonObject, "id"),
            SlackEndpoints.Str(body, "app_id"),
            botUser,
            token,
            SlackEndpoints.Str(body, "scope"),
            SlackEndpoints.Str(body?["authed_user"] as System.Text.Json.Nodes.JsonObject, "id"),
            DateTimeOffset.MinValue);
    }

    private static IResult NotConfigured() =>
        Results.Problem(title: "Slack install is not configured", detail: "Set Slack:ClientId and Slack:ClientSecret to offer the OAuth install.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Page(int status, string title, string text) => Results.Content(
        $"<!doctype html><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>",
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install callback refused: {Reason}; no code exchanged")]
    private static partial void LogBadState(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install: oauth.v2.access failed: {Error}")]
    private static partial void LogExchangeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack app installed in team {Team} ({Name}), bot user {BotUser}")]
    private static partial void LogInstalled(ILogger logger, string team, string name, string botUser);
}
