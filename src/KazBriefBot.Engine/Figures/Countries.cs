namespace KazBriefBot.Engine.Figures;

/// <summary>
/// The world's countries and economic blocs with the words news uses for them (short forms, abbreviations, adjectives and
/// demonyms): "the US", "U.S.", "American", "Washington" are all the United States. General reference data, the same for
/// every corpus; companies and other organisations are read from capitalisation instead (see <see cref="PartyReader"/>).
/// </summary>
public static class Countries
{
    // name|form|form...  Forms are matched as whole words, case-sensitively for abbreviations (all capitals) and
    // capitalised words otherwise; multi-word forms match token by token.
    private const string Table = """
        Afghanistan|Afghan|Afghans
        Albania|Albanian
        Algeria|Algerian
        Angola|Angolan
        Argentina|Argentine|Argentinian
        Armenia|Armenian
        Australia|Australian|Australians
        Austria|Austrian
        Azerbaijan|Azerbaijani|Azeri
        Bahrain|Bahraini
        Bangladesh|Bangladeshi
        Belarus|Belarusian
        Belgium|Belgian
        Bolivia|Bolivian
        Bosnia and Herzegovina|Bosnia|Bosnian
        Brazil|Brazilian|Brazilians
        Bulgaria|Bulgarian
        Cambodia|Cambodian
        Cameroon|Cameroonian
        Canada|Canadian|Canadians
        Chile|Chilean
        China|Chinese|PRC|Beijing
        Colombia|Colombian
        Croatia|Croatian
        Cuba|Cuban
        Cyprus|Cypriot
        Czech Republic|Czech|Czechia
        Denmark|Danish|Dane|Danes
        Ecuador|Ecuadorian
        Egypt|Egyptian
        Estonia|Estonian
        Ethiopia|Ethiopian
        Finland|Finnish
        France|French|Paris
        Georgia|Georgian
        Germany|German|Germans|Berlin
        Ghana|Ghanaian
        Greece|Greek|Athens
        Hong Kong
        Hungary|Hungarian
        Iceland|Icelandic
        India|Indian|Indians|New Delhi
        Indonesia|Indonesian
        Iran|Iranian|Tehran
        Iraq|Iraqi
        Ireland|Irish|Dublin
        Israel|Israeli
        Italy|Italian|Rome
        Ivory Coast|Ivorian|Cote d'Ivoire
        Jamaica|Jamaican
        Japan|Japanese|Tokyo
        Jordan|Jordanian
        Kazakhstan|Kazakh|Kazakhs|Kazakhstani|Astana
        Kenya|Kenyan
        Kuwait|Kuwaiti
        Kyrgyzstan|Kyrgyz
        Latvia|Latvian
        Lebanon|Lebanese
        Libya|Libyan
        Lithuania|Lithuanian
        Luxembourg
        Malaysia|Malaysian
        Mexico|Mexican|Mexicans
        Moldova|Moldovan
        Mongolia|Mongolian
        Morocco|Moroccan
        Mozambique
        Myanmar|Burma|Burmese
        Nepal|Nepalese
        Netherlands|Dutch|Holland
        New Zealand|NZ
        Nigeria|Nigerian
        North Korea|Pyongyang
        Norway|Norwegian
        Oman|Omani
        Pakistan|Pakistani
        Panama|Panamanian
        Peru|Peruvian
        Philippines|Philippine|Filipino
        Poland|Polish|Poles|Warsaw
        Portugal|Portuguese
        Qatar|Qatari
        Romania|Romanian
        Russia|Russian|Russians|Russian Federation|Moscow|Kremlin
        Saudi Arabia|Saudi|Saudis|Riyadh
        Serbia|Serbian
        Singapore|Singaporean
        Slovakia|Slovak
        Slovenia|Slovenian
        South Africa|South African
        South Korea|Korea|Korean|Koreans|Seoul
        Spain|Spanish|Madrid
        Sri Lanka|Sri Lankan
        Sudan|Sudanese
        Sweden|Swedish|Swede|Swedes
        Switzerland|Swiss
        Syria|Syrian
        Taiwan|Taiwanese
        Tajikistan|Tajik
        Tanzania|Tanzanian
        Thailand|Thai
        Tunisia|Tunisian
        Turkey|Turkish|Turkiye|Ankara
        Turkmenistan|Turkmen
        Uganda|Ugandan
        Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev
        United Arab Emirates|UAE|Emirati
        United Kingdom|UK|U.K.|Britain|Great Britain|British|Briton|Britons
        United States|US|U.S.|USA|U.S.A.|America|American|Americans|United States of America|Washington
        Uruguay|Uruguayan
        Uzbekistan|Uzbek|Uzbeks|Tashkent
        Venezuela|Venezuelan
        Vietnam|Vietnamese
        Yemen|Yemeni
        Zambia|Zambian
        Zimbabwe|Zimbabwean
        European Union|EU|E.U.|Brussels
        Eurozone|eurozone|euro zone|euro area
        Europe|European
        Asia|Asian
        Africa|African
        Latin America|Latin American|South America|South American
        North America|North American
        Middle East|Middle Eastern
        Central Asia|Central Asian
        Eastern Europe|Eastern European
        Asia-Pacific
        Caribbean
        Gulf
        """;

    private static readonly Dictionary<string, string> ByForm = Load();

    /// <summary>The longest form in words (multi-word forms are matched first).</summary>
    public static int LongestForm { get; } = ByForm.Keys.Max(k => k.Count(c => c == ' ') + 1);

    /// <summary>The country a form names ("U.S." → "United States"), or null.</summary>
    public static string? Named(string form) => ByForm.GetValueOrDefault(form);

    /// <summary>True when the name is one of the table's countries or blocs (not a company).</summary>
    public static bool IsCountry(string name) => ByForm.ContainsKey(name);

    /// <summary>Every form of a country or bloc name (its name first), empty for other names.</summary>
    public static IReadOnlyList<string> FormsOf(string name) => FormsByName.Value.GetValueOrDefault(name) ?? [];

    private static readonly Lazy<Dictionary<string, string[]>> FormsByName = new(() =>
        ByForm.GroupBy(p => p.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray(), StringComparer.Ordinal));

    private static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var forms = line.Split('|');
            foreach (var form in forms)
            {
                map.TryAdd(form, forms[0]);
            }
        }

        return map;
    }
}
