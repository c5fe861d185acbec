namespace Lifeline.Server.Web;

/// <summary>The anchor of the pages' resources: <c>Strings.resx</c> (English) and <c>Strings.ar.resx</c> (Arabic).</summary>
public sealed class Strings;
