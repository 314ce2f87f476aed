namespace KazBriefBot.Engine.Figures;

/// <summary>A way of writing a currency: its tokens (lower case), the unit name, ISO code and an implied multiplier ("MUSD").</summary>
public sealed record CurrencyName(IReadOnlyList<string> Tokens, string Unit, string? Iso, decimal Multiplier = 1m, bool IsMinor = false);

/// <summary>Currency names and symbols, written before the amount ("$", "US$", "USD") or after it ("US dollars", "tenge", "€").</summary>
public static class CurrencyLexicon
{
    private const string Dollar = "Dollar";
    private const string Usd = "United States dollar";

    /// <summary>Names that may stand before an amount, longest first.</summary>
    public static IReadOnlyList<CurrencyName> Prefixes { get; } = Sorted(
    [
        N("$", Dollar, null), N("us $", Usd, "USD"), N("u . s $", Usd, "USD"), N("u . s . $", Usd, "USD"), N("usd $", Usd, "USD"),
        N("c $", "Canadian dollar", "CAD"), N("cad $", "Canadian dollar", "CAD"), N("ca $", "Canadian dollar", "CAD"),
        N("hk $", "Hong Kong dollar", "HKD"), N("au $", "Australian dollar", "AUD"),
        N("aud $", "Australian dollar", "AUD"), N("nz $", "New Zealand dollar", "NZD"), N("nzd $", "New Zealand dollar", "NZD"),
        N("mxn $", "Mexican peso", "MXN"), N("mex $", "Mexican peso", "MXN"),
        N("£", "Pound", null), N("€", "Euro", "EUR"), N("¥", "Japanese yen", "JPY"), N("₸", "Kazakhstani tenge", "KZT"),
        N("₽", "Russian ruble", "RUB"), N("₿", "Bitcoin", null), N("₡", "Costa Rican colón", "CRC"), N("₾", "Georgian lari", "GEL"),
        N("₭", "Lao kip", "LAK"), N("₹", "Indian rupee", "INR"),
        N("usd", Usd, "USD"), N("eur", "Euro", "EUR"), N("gbp", "British pound", "GBP"), N("rmb", "Chinese yuan", "CNY"),
        N("cny", "Chinese yuan", "CNY"), N("jpy", "Japanese yen", "JPY"), N("kzt", "Kazakhstani tenge", "KZT"), N("rub", "Russian ruble", "RUB"),
        N("chf", "Swiss franc", "CHF"), N("sen", "Sen", null),
        N("musd", Usd, "USD", 1e6m), N("meur", "Euro", "EUR", 1e6m), N("mgbp", "British pound", "GBP", 1e6m), N("maud", "Australian dollar", "AUD", 1e6m),
    ]);

    /// <summary>Names that may follow an amount, longest first.</summary>
    public static IReadOnlyList<CurrencyName> Suffixes { get; } = Sorted(
    [
        N("us dollars", Usd, "USD"), N("us dollar", Usd, "USD"), N("u . s . dollars", Usd, "USD"), N("united states dollars", Usd, "USD"),
        N("american dollars", Usd, "USD"), N("dollars", Dollar, null), N("dollar", Dollar, null),
        N("australian dollars", "Australian dollar", "AUD"), N("canadian dollars", "Canadian dollar", "CAD"), N("hong kong dollars", "Hong Kong dollar", "HKD"),
        N("new zealand dollars", "New Zealand dollar", "NZD"), N("finnish markka", "Finnish markka", null),
        N("euros", "Euro", "EUR"), N("euro", "Euro", "EUR"), N("yen", "Japanese yen", "JPY"), N("chinese yuan", "Chinese yuan", "CNY"),
        N("yuan", "Chinese yuan", "CNY"), N("rmb", "Chinese yuan", "CNY"), N("元", "Chinese yuan", "CNY"), N("renminbi", "Chinese yuan", "CNY"),
        N("cents", "Cent", null, 1m, true), N("cent", "Cent", null, 1m, true), N("pence", "Pence", null, 1m, true), N("penny", "Penny", null, 1m, true),
        N("pennies", "Penny", null, 1m, true), N("pounds sterling", "Pound", null), N("pounds", "Pound", null), N("pound", "Pound", null),
        N("sterling", "Pound", null), N("swiss francs", "Swiss franc", "CHF"), N("francs", "Franc", null), N("franc", "Franc", null),
        N("pesetas", "Peseta", null), N("dutch guilders", "Netherlands guilder", null), N("guilders", "Netherlands guilder", null),
        N("rupees", "Rupee", null), N("rupee", "Rupee", null), N("turkish lira", "Turkish lira", "TRY"), N("lira", "Lira", null),
        N("bitcoins", "Bitcoin", null), N("bitcoin", "Bitcoin", null), N("btc", "Bitcoin", null), N("satoshis", "Satoshi", null), N("satoshi", "Satoshi", null),
        N("tenge", "Kazakhstani tenge", "KZT"), N("rubles", "Russian ruble", "RUB"), N("roubles", "Russian ruble", "RUB"), N("ruble", "Russian ruble", "RUB"),
        N("rouble", "Russian ruble", "RUB"), N("som", "Kyrgyzstani som", "KGS"), N("manat", "Manat", null),
        N("usd", Usd, "USD"), N("eur", "Euro", "EUR"), N("gbp", "British pound", "GBP"), N("jpy", "Japanese yen", "JPY"), N("cny", "Chinese yuan", "CNY"),
        N("kzt", "Kazakhstani tenge", "KZT"), N("rub", "Russian ruble", "RUB"), N("chf", "Swiss franc", "CHF"),
        N("musd", Usd, "USD", 1e6m), N("meur", "Euro", "EUR", 1e6m), N("mgbp", "British pound", "GBP", 1e6m),
        N("$", Dollar, null), N("€", "Euro", "EUR"), N("£", "Pound", null), N("₸", "Kazakhstani tenge", "KZT"), N("₽", "Russian ruble", "RUB"),
        N("₡", "Costa Rican colón", "CRC"), N("₾", "Georgian lari", "GEL"), N("₭", "Lao kip", "LAK"), N("ரூ", "Sri Lankan rupee", "LKR"),
        N("kuai", "Chinese yuan", "CNY"), N("dinars", "Dinar", null), N("dinar", "Dinar", null), N("pesos", "Peso", null), N("peso", "Peso", null),
        N("rand", "South African rand", "ZAR"), N("ringgit", "Malaysian ringgit", "MYR"), N("baht", "Thai baht", "THB"), N("rupiah", "Indonesian rupiah", "IDR"),
        N("kronor", "Swedish krona", "SEK"), N("krona", "Swedish krona", "SEK"), N("kroner", "Krone", null), N("krone", "Krone", null), N("zloty", "Polish zloty", "PLN"),
        N("shekels", "Israeli new shekel", "ILS"), N("hryvnias", "Ukrainian hryvnia", "UAH"), N("hryvnia", "Ukrainian hryvnia", "UAH"), N("dirhams", "Dirham", null),
        N("riyals", "Riyal", null), N("naira", "Nigerian naira", "NGN"), N("reais", "Brazilian real", "BRL"),
    ]);

    /// <summary>Names that count as a currency mention even without an amount ("the dollar fell").</summary>
    public static IReadOnlyList<CurrencyName> BareNames { get; } = Sorted(
    [
        N("dollars", Dollar, null), N("dollar", Dollar, null), N("rmb", "Chinese yuan", "CNY"),
    ]);

    private static readonly HashSet<string> FirstTokens = new(Prefixes.Concat(Suffixes).Concat(BareNames).Select(n => n.Tokens[0]), StringComparer.Ordinal);

    /// <summary>True when some currency name starts with this (lower-case) token; a quick filter before matching.</summary>
    public static bool StartsName(string lowerToken) => FirstTokens.Contains(lowerToken);

    /// <summary>The ISO code a figure is normalized to: a bare "$" or "dollars" in our corpus means US dollars, "£" pounds sterling.</summary>
    public static string FigureCode(string unit, string? iso) => iso ?? unit switch
    {
        Dollar => "USD",
        "Pound" => "GBP",
        "Cent" => "USD cent",
        "Pence" or "Penny" => "GBP pence",
        "Bitcoin" => "BTC",
        _ => unit,
    };

    private static CurrencyName N(string spelled, string unit, string? iso, decimal multiplier = 1m, bool minor = false) =>
        new(spelled.Split(' '), unit, iso, multiplier, minor);

    private static List<CurrencyName> Sorted(List<CurrencyName> names) => [.. names.OrderByDescending(n => n.Tokens.Count)];
}
