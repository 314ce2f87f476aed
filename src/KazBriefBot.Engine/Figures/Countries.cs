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

    // country|capital|other names of the capital (former names, spellings). The world's sovereign states (and a few
    // widely recognised others), general reference data. A separate list, not forms of the table above: a capital names
    // its country's government in the news ("Astana and Washington agreed ..."), but figures keep reading parties from
    // the table alone.
    private const string CapitalTable = """
        Afghanistan|Kabul
        Albania|Tirana
        Algeria|Algiers
        Andorra|Andorra la Vella
        Angola|Luanda
        Antigua and Barbuda|Saint John's
        Argentina|Buenos Aires
        Armenia|Yerevan
        Australia|Canberra
        Austria|Vienna
        Azerbaijan|Baku
        Bahamas|Nassau
        Bahrain|Manama
        Bangladesh|Dhaka
        Barbados|Bridgetown
        Belarus|Minsk
        Belgium|Brussels
        Belize|Belmopan
        Benin|Porto-Novo
        Bhutan|Thimphu
        Bolivia|Sucre|La Paz
        Bosnia and Herzegovina|Sarajevo
        Botswana|Gaborone
        Brazil|Brasilia|Brasília
        Brunei|Bandar Seri Begawan
        Bulgaria|Sofia
        Burkina Faso|Ouagadougou
        Burundi|Gitega
        Cambodia|Phnom Penh
        Cameroon|Yaounde|Yaoundé
        Canada|Ottawa
        Cape Verde|Praia
        Central African Republic|Bangui
        Chad|N'Djamena
        Chile|Santiago
        China|Beijing|Peking
        Colombia|Bogota|Bogotá
        Comoros|Moroni
        Congo|Brazzaville
        Democratic Republic of the Congo|Kinshasa
        Costa Rica|San Jose|San José
        Croatia|Zagreb
        Cuba|Havana
        Cyprus|Nicosia
        Czech Republic|Prague
        Denmark|Copenhagen
        Djibouti|Djibouti
        Dominica|Roseau
        Dominican Republic|Santo Domingo
        East Timor|Dili
        Ecuador|Quito
        Egypt|Cairo
        El Salvador|San Salvador
        Equatorial Guinea|Malabo
        Eritrea|Asmara
        Estonia|Tallinn
        Eswatini|Mbabane
        Ethiopia|Addis Ababa
        Fiji|Suva
        Finland|Helsinki
        France|Paris
        Gabon|Libreville
        Gambia|Banjul
        Georgia|Tbilisi
        Germany|Berlin
        Ghana|Accra
        Greece|Athens
        Grenada|Saint George's
        Guatemala|Guatemala City
        Guinea|Conakry
        Guinea-Bissau|Bissau
        Guyana|Georgetown
        Haiti|Port-au-Prince
        Honduras|Tegucigalpa
        Hungary|Budapest
        Iceland|Reykjavik|Reykjavík
        India|New Delhi|Delhi
        Indonesia|Jakarta
        Iran|Tehran|Teheran
        Iraq|Baghdad
        Ireland|Dublin
        Israel|Jerusalem
        Italy|Rome
        Ivory Coast|Yamoussoukro
        Jamaica|Kingston
        Japan|Tokyo
        Jordan|Amman
        Kazakhstan|Astana|Nur-Sultan|Akmola|Akmolinsk|Tselinograd
        Kenya|Nairobi
        Kiribati|Tarawa
        Kosovo|Pristina
        Kuwait|Kuwait City
        Kyrgyzstan|Bishkek
        Laos|Vientiane
        Latvia|Riga
        Lebanon|Beirut
        Lesotho|Maseru
        Liberia|Monrovia
        Libya|Tripoli
        Liechtenstein|Vaduz
        Lithuania|Vilnius
        Luxembourg|Luxembourg
        Madagascar|Antananarivo
        Malawi|Lilongwe
        Malaysia|Kuala Lumpur
        Maldives|Malé
        Mali|Bamako
        Malta|Valletta
        Marshall Islands|Majuro
        Mauritania|Nouakchott
        Mauritius|Port Louis
        Mexico|Mexico City
        Micronesia|Palikir
        Moldova|Chisinau|Chișinău
        Monaco|Monaco
        Mongolia|Ulaanbaatar|Ulan Bator
        Montenegro|Podgorica
        Morocco|Rabat
        Mozambique|Maputo
        Myanmar|Naypyidaw|Nay Pyi Taw
        Namibia|Windhoek
        Nauru|Yaren
        Nepal|Kathmandu
        Netherlands|Amsterdam
        New Zealand|Wellington
        Nicaragua|Managua
        Niger|Niamey
        Nigeria|Abuja
        North Korea|Pyongyang
        North Macedonia|Skopje
        Norway|Oslo
        Oman|Muscat
        Pakistan|Islamabad
        Palau|Ngerulmud
        Palestine|Ramallah
        Panama|Panama City
        Papua New Guinea|Port Moresby
        Paraguay|Asuncion|Asunción
        Peru|Lima
        Philippines|Manila
        Poland|Warsaw
        Portugal|Lisbon
        Qatar|Doha
        Romania|Bucharest
        Russia|Moscow
        Rwanda|Kigali
        Saint Kitts and Nevis|Basseterre
        Saint Lucia|Castries
        Saint Vincent and the Grenadines|Kingstown
        Samoa|Apia
        San Marino|San Marino
        Sao Tome and Principe|Sao Tome
        Saudi Arabia|Riyadh
        Senegal|Dakar
        Serbia|Belgrade
        Seychelles|Victoria
        Sierra Leone|Freetown
        Singapore|Singapore
        Slovakia|Bratislava
        Slovenia|Ljubljana
        Solomon Islands|Honiara
        Somalia|Mogadishu
        South Africa|Pretoria|Cape Town|Bloemfontein
        South Korea|Seoul
        South Sudan|Juba
        Spain|Madrid
        Sri Lanka|Sri Jayawardenepura Kotte|Colombo
        Sudan|Khartoum
        Suriname|Paramaribo
        Sweden|Stockholm
        Switzerland|Bern|Berne
        Syria|Damascus
        Taiwan|Taipei
        Tajikistan|Dushanbe
        Tanzania|Dodoma
        Thailand|Bangkok
        Togo|Lome|Lomé
        Tonga|Nuku'alofa
        Trinidad and Tobago|Port of Spain
        Tunisia|Tunis
        Turkey|Ankara
        Turkmenistan|Ashgabat
        Tuvalu|Funafuti
        Uganda|Kampala
        Ukraine|Kyiv|Kiev
        United Arab Emirates|Abu Dhabi
        United Kingdom|London
        United States|Washington|Washington, D.C.|Washington D.C.
        Uruguay|Montevideo
        Uzbekistan|Tashkent
        Vanuatu|Port Vila
        Vatican City|Vatican City
        Venezuela|Caracas
        Vietnam|Hanoi
        Yemen|Sanaa|Sana'a
        Zambia|Lusaka
        Zimbabwe|Harare
        """;

    private static readonly Dictionary<string, string> ByForm = Load();

    private static readonly (Dictionary<string, string> CountryOf, Dictionary<string, string[]> CapitalsOf) Capitals = LoadCapitals();

    /// <summary>The longest form in words (multi-word forms are matched first).</summary>
    public static int LongestForm { get; } = ByForm.Keys.Max(k => k.Count(c => c == ' ') + 1);

    /// <summary>The country a form names ("U.S." → "United States"), or null.</summary>
    public static string? Named(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (ByForm.TryGetValue(form, out var name))
        {
            return name;
        }

        // "Indonesians", "Brazilians", "Pakistanis": the plural of a demonym the table lists in the singular ("Americas" is no people)
        return form.Length > 4 && form[^1] == 's' && (form[^2] == 'i' || form[^3..^1] == "an") && char.IsUpper(form[0])
            ? ByForm.GetValueOrDefault(form[..^1]) : null;
    }

    /// <summary>True when the name is one of the table's countries or blocs (not a company).</summary>
    public static bool IsCountry(string name) => ByForm.ContainsKey(name);

    /// <summary>Every form of a country or bloc name (its name first), empty for other names.</summary>
    public static IReadOnlyList<string> FormsOf(string name) => FormsByName.Value.GetValueOrDefault(name) ?? [];

    private static readonly Lazy<Dictionary<string, string[]>> FormsByName = new(() =>
        ByForm.GroupBy(p => p.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray(), StringComparer.Ordinal));

    /// <summary>The country whose capital this is ("Astana" → "Kazakhstan", "Nur-Sultan" → "Kazakhstan"), or null.</summary>
    public static string? CountryOfCapital(string capital) => Capitals.CountryOf.GetValueOrDefault(capital);

    /// <summary>The capital's names, current first ("Kazakhstan" → Astana, Nur-Sultan, ...); empty when not listed.</summary>
    public static IReadOnlyList<string> CapitalsOf(string country) => Capitals.CapitalsOf.GetValueOrDefault(country) ?? [];

    /// <summary>Every name of the country a word names, as a country form or as its capital ("Astana" → Kazakhstan,
    /// Kazakh, Kazakhs, Kazakhstani, Astana, Nur-Sultan, ...; "Washington" → United States, US, America, ...);
    /// empty when the word names no listed country.</summary>
    public static IReadOnlyList<string> NamesOfSameCountry(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var country = Named(word) ?? CountryOfCapital(word);
        if (country is null)
        {
            return [];
        }

        var names = FormsOf(country).ToList();

        if (names.Count == 0)
        {
            names.Add(country);
        }

        foreach (var capital in CapitalsOf(country))
        {
            if (!names.Contains(capital))
            {
                names.Add(capital);
            }
        }

        return names;
    }

    private static (Dictionary<string, string>, Dictionary<string, string[]>) LoadCapitals()
    {
        var countryOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var capitalsOf = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in CapitalTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            capitalsOf[parts[0]] = parts[1..];
            foreach (var capital in parts[1..])
            {
                countryOf.TryAdd(capital, parts[0]);
            }
        }

        return (countryOf, capitalsOf);
    }

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
