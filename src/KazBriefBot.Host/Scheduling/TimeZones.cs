using System.Diagnostics.CodeAnalysis;

namespace KazBriefBot.Host.Scheduling;

/// <summary>Finds time zones by IANA id (case-insensitively; Windows ids are mapped to their IANA id).</summary>
public static class TimeZones
{
    private static readonly Lazy<Dictionary<string, string>> IdsIgnoringCase = new(KnownIds);

    /// <summary>Finds the zone; <paramref name="zone"/>'s Id is then the canonical IANA id to store.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var candidate = id.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out zone)
            && !(IdsIgnoringCase.Value.TryGetValue(candidate, out var exact) && TimeZoneInfo.TryFindSystemTimeZoneById(exact, out zone)))
        {
            return false;
        }

        if (!zone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out var ianaZone))
        {
            zone = ianaZone;
        }

        return true;
    }

    private static Dictionary<string, string> KnownIds()
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["UTC"] = "UTC" };
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            ids.TryAdd(zone.Id, zone.Id);
        }

        return ids;
    }
}
