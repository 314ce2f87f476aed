using System.Text.Json.Serialization;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// Of whom or between whom a figure is: one party ("Shell's profit"), an unordered set ("trade between Kazakhstan and the
/// United States") or a directed flow (<see cref="From"/> is the first name: "investment from China into Kazakhstan").
/// Figures are compared only when their parties are equal, direction included.
/// </summary>
public sealed record Parties
{
    public static Parties None { get; } = new([], false);

    public Parties(IReadOnlyList<string> names, bool directed)
    {
        ArgumentNullException.ThrowIfNull(names);
        Directed = directed && names.Count == 2;
        Names = Directed ? [.. names] : [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The names, alphabetical for a set, source first for a flow.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True for a flow from the first name to the second.</summary>
    public bool Directed { get; }

    /// <summary>The source of a directed flow, else null.</summary>
    [JsonIgnore]
    public string? From => Directed ? Names[0] : null;

    [JsonIgnore]
    public bool IsEmpty => Names.Count == 0;

    /// <summary>"China > Kazakhstan", "Kazakhstan + United States", "Shell", or "-" when unknown.</summary>
    public override string ToString() => Names.Count == 0 ? "-" : string.Join(Directed ? " > " : " + ", Names);

    public bool Equals(Parties? other) => other is not null && Directed == other.Directed && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>True when every name the question gives is among these parties, in the question's direction if it has one.</summary>
    public bool Covers(Parties asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        if (!asked.Names.All(n => Names.Contains(n, StringComparer.Ordinal)))
        {
            return false;
        }

        return !(asked.Directed && Directed) || (asked.Names[0] == Names[0] && asked.Names[1] == Names[1]);
    }
}
