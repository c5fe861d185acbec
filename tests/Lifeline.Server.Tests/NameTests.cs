using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>A name that looks like one already recorded is refused, not recorded as a second one.</summary>
public sealed class NameTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_site_name_with_a_zero_width_space_is_refused_naming_the_field_instead_of_passing_the_duplicate_check()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterSite("Depot A")).StatusCode);

        var lookalike = await RegisterSite("Dep\u200Bot A");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookalike.StatusCode);
        var errors = JsonDocument.Parse(await lookalike.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("invisible", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_typed_with_a_combining_accent_is_the_same_name_as_its_composed_form()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterSite("Caf\u00E9 Aleppo")).StatusCode);

        var decomposed = await RegisterSite("Cafe\u0301 Aleppo");

        Assert.Equal(HttpStatusCode.Conflict, decomposed.StatusCode);
    }

    private Task<HttpResponseMessage> RegisterSite(string name) =>
        _host.Client.PostAsJsonAsync($"/operations/{_operation}/sites", new
        {
            name,
            kind = "warehouse",
            location = new { latitude = 36.1642, longitude = 37.1535 },
        });
}
