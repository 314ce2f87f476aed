namespace KazBriefBot.Host.Slack;

/// <summary>Registers the Slack channel's services and endpoints.</summary>
public static class SlackChannel
{
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapSlackChannel(this WebApplication app) => app;
}
