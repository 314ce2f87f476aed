namespace KazBriefBot.Host.Scheduling;

/// <summary>How the daily digest scheduler runs (configuration section "Scheduling").</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Runs the scheduler in this host. Turn off on all but the instances meant to post (claims make several safe anyway).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A digest missed while the host was down is still sent if the host is back within this time after it was due.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The longest the scheduler sleeps between looks at the database (new subscriptions, other instances' work).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim holds a row; an unconfirmed claim older than this is retried (its claimer is taken for dead).</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per digest before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt; doubles after each further failure (a channel's Retry-After is honoured if longer).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound of the back-off between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Time of day used by "subscribe" without a time (HH:MM).</summary>
    public string DefaultTime { get; set; } = "08:00";

    /// <summary>IANA time zone used by "subscribe" without a zone.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Almaty";

    /// <summary>Checks the settings; returns the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (GracePeriod < TimeSpan.Zero || GracePeriod >= TimeSpan.FromDays(1))
        {
            problems.Add("Scheduling:GracePeriod must be at least 0 and less than one day (a digest is never sent after the next one is due).");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add("Scheduling:PollInterval must be positive.");
        }

        if (LeaseTimeout < TimeSpan.FromSeconds(10))
        {
            problems.Add("Scheduling:LeaseTimeout must be at least 10 seconds (a post is cut off at half of it).");
        }

        if (MaxAttempts < 1)
        {
            problems.Add("Scheduling:MaxAttempts must be at least 1.");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            problems.Add("Scheduling:RetryBaseDelay must be positive and not above Scheduling:MaxRetryDelay.");
        }

        if (!DueTimes.TryParseTime(DefaultTime, out _))
        {
            problems.Add($"Scheduling:DefaultTime '{DefaultTime}' is not a time of day (HH:MM).");
        }

        if (!TimeZones.TryFind(DefaultTimeZone, out _))
        {
            problems.Add($"Scheduling:DefaultTimeZone '{DefaultTimeZone}' is not a known IANA time zone.");
        }

        return problems;
    }
}
