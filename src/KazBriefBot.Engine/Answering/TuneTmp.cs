namespace KazBriefBot.Engine.Answering;

/// <summary>TEMPORARY experiment knobs.</summary>
public static class TuneTmp
{
    public static double Get(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable("KBT_" + name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public static readonly double Ctx = Get("CTX", 1.0);
    public static readonly double Time = Get("TIME", 1.5);
    public static readonly double Qty = Get("QTY", 1.15);
    public static readonly double Person = Get("PERSON", 1.15);
    public static readonly double Place = Get("PLACE", 1.15);
    public static readonly double Cov = Get("COV", 0.3);
    public static readonly double Prox = Get("PROX", 0.3);
    public static readonly double Def = Get("DEF", 1.5);
    public static readonly double Name = Get("NAME", 1.0);
    public static readonly double Cands = Get("CANDS", 60);
}
