namespace Audit.Api.Tests.Browser;

/// <summary>The screen a page is opened on.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool IsMobile, bool HasTouch, float DeviceScaleFactor)
{
    /// <summary>
    /// A small phone held upright, as a young assessor may use. Pixel ratio 1 keeps full-page screenshots small;
    /// layout in CSS pixels is the same as on a real phone.
    /// </summary>
    public static Viewport Phone { get; } = new("phone", 360, 640, IsMobile: true, HasTouch: true, DeviceScaleFactor: 1);

    /// <summary>An office laptop.</summary>
    public static Viewport Desktop { get; } = new("desktop", 1280, 800, IsMobile: false, HasTouch: false, DeviceScaleFactor: 1);
}
