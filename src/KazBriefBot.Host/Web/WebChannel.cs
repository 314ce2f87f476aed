namespace KazBriefBot.Host.Web;

/// <summary>Registers the Web channel's services and endpoints.</summary>
public static class WebChannel
{
    public static IServiceCollection AddWebChannel(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapWebChannel(this WebApplication app) => app;
}
