using System.Reflection;
using System.Text;

namespace Specwright.Packaging.Tests;

/// <summary>
/// A deterministic text listing of an assembly's public surface: every public type with its base types,
/// and every public or protected member with its signature. Constants show their values, so a spec
/// edit that changes a cost or a status shows in the diff too.
/// </summary>
public static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string For(Assembly assembly)
    {
        var sb = new StringBuilder();
        // C# 14's extension blocks compile to marker types the compiler names (<G>$…); their members are listed as the static methods.
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.Name.StartsWith('<')).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(TypeHeader(type)).Append('\n');
            foreach (var line in Members(type).Order(StringComparer.Ordinal)) sb.Append("  ").Append(line).Append('\n');
        }
        return sb.ToString();
    }

    private static string TypeHeader(Type t)
    {
        var kind = t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct"
            : t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) bases.Add(Name(b));
        bases.AddRange(t.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(t)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    private static IEnumerable<string> Members(Type t)
    {
        foreach (var m in t.GetMembers(Declared))
        {
            switch (m)
            {
                case ConstructorInfo c when Visible(c):
                    yield return $"ctor({Parameters(c)})";
                    break;
                case MethodInfo mi when Visible(mi) && !mi.IsSpecialName:
                    yield return $"{Modifiers(mi)}{Name(mi.ReturnType)} {mi.Name}{Generic(mi)}({Parameters(mi)})";
                    break;
                case MethodInfo op when Visible(op) && op.IsSpecialName && op.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"static {Name(op.ReturnType)} {op.Name}({Parameters(op)})";
                    break;
                case PropertyInfo p when (p.GetMethod is { } g && Visible(g)) || (p.SetMethod is { } s && Visible(s)):
                    var accessors = (p.GetMethod is { } get && Visible(get) ? "get; " : "") + (p.SetMethod is { } set && Visible(set) ? IsInit(set) ? "init; " : "set; " : "");
                    var isStatic = (p.GetMethod ?? p.SetMethod)!.IsStatic ? "static " : "";
                    yield return $"{isStatic}{Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {accessors}}}";
                    break;
                case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                    if (t.IsEnum && f.IsSpecialName) break;
                    yield return f.IsLiteral
                        ? $"const {Name(f.FieldType)} {f.Name} = {Literal(f.GetRawConstantValue())}"
                        : $"{(f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}";
                    break;
                case EventInfo e when e.AddMethod is { } add && Visible(add):
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
            }
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Modifiers(MethodInfo m) =>
        (m.IsStatic ? "static " : "") + (m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? "virtual " : m.GetBaseDefinition() != m ? "override " : "");

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Indexer(PropertyInfo p) => p.GetIndexParameters() is { Length: > 0 } ix ? $"[{string.Join(", ", ix.Select(i => Name(i.ParameterType)))}]" : "";

    private static string Generic(MethodInfo m) => m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "")}"));

    private static string Literal(object? v) => v switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Name(Type t)
    {
        if (t.IsByRef) return Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(t) is { } inner) return Name(inner) + "?";
        if (t.IsGenericParameter) return t.Name;
        var name = t.IsNested ? $"{Name(t.DeclaringType!)}.{t.Name}" : $"{t.Namespace}.{t.Name}";
        if (!t.IsGenericType) return name;
        var tick = name.IndexOf('`');
        var args = t.GetGenericArguments().Skip(t.IsNested ? t.DeclaringType!.GetGenericArguments().Length : 0);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", args.Select(Name))}>";
    }
}
