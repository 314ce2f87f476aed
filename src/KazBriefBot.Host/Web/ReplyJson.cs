using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Host.Web;

/// <summary>JSON for the reply model: EngineJson's shape, with each block tagged by a "type" discriminator ("text", "answer", "figures", ...).</summary>
public static class ReplyJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The discriminator of a block type: its name without "Block", camelCase (AnswerBlock → "answer").</summary>
    public static string TypeName(Type blockType)
    {
        ArgumentNullException.ThrowIfNull(blockType);
        var name = blockType.Name.EndsWith("Block", StringComparison.Ordinal) ? blockType.Name[..^"Block".Length] : blockType.Name;
        return JsonNamingPolicy.CamelCase.ConvertName(name);
    }

    private static JsonSerializerOptions Create()
    {
        // Every concrete block in the engine and the host is known, so a block type added later is tagged without changes here.
        var blockTypes = new[] { typeof(ReplyBlock).Assembly, typeof(ReplyJson).Assembly }
            .Distinct()
            .SelectMany(SafeTypes)
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.IsSubclassOf(typeof(ReplyBlock)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(ReplyBlock))
            {
                return;
            }

            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "type",
                UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor,
            };
            foreach (var type in blockTypes)
            {
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, TypeName(type)));
            }
        });

        var options = new JsonSerializerOptions(EngineJson.Options) { TypeInfoResolver = resolver };
        options.MakeReadOnly();
        return options;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
