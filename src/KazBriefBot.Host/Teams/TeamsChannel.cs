namespace KazBriefBot.Host.Teams;

/// <summary>Registers the Teams channel's services and endpoints.</summary>
public static class TeamsChannel
{
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapTeamsChannel(this WebApplication app) => app;
}
