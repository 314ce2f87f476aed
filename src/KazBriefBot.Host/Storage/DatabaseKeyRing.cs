using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using static KazBriefBot.Host.Storage.StoredValues;

namespace KazBriefBot.Host.Storage;

/// <summary>
/// The ASP.NET Core Data Protection key ring in the shared PostgreSQL database (table data_protection_keys), so that a
/// Slack token encrypted by one host is decrypted by every other. Keys are only ever added; Data Protection itself decides
/// which is current and when a new one is made.
/// </summary>
/// <remarks>Data Protection calls these methods synchronously.</remarks>
public sealed class DatabaseKeyRing(BotDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenSync();
        using var command = Command(connection, "SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenSync();
        using var command = Command(
            connection,
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now)",
            ("@name", OrNull(friendlyName)), ("@xml", element.ToString(SaveOptions.DisableFormatting)), ("@now", ToMs(time.GetUtcNow())));
        command.ExecuteNonQuery();
    }
}
