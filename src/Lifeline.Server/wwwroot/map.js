// The operation's map, drawn from the server's own GeoJSON with Leaflet: no tiles, no internet.
// Leaflet (window.L) is loaded by a classic script before this module runs.
const L = window.L;
const element = document.getElementById('map');

// Letters shown inside site markers; the legend shows the same ones, so kinds never rely on colour.
const glyphs = { hub: 'H', airfield: 'A', helipad: '✚', warehouse: 'W', distribution_point: 'D', checkpoint: 'C' };

// Corridor status is drawn as a line pattern as well as a colour.
const dashes = { open: null, paused: '8 6', suspended: '2 6', planned: '12 4 2 4', closed: '1 8' };

// Movements under way are drawn from origin to destination, a road convoy long-dashed and an air sortie dotted.
const movementDashes = { road: '14 6', air: '3 7' };

function dashArray(name, kind) {
  if (name === 'corridor') {
    return dashes[kind];
  }
  return name === 'movement' ? movementDashes[kind] ?? '14 6' : null;
}

function popup(properties) {
  const box = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = properties.name;
  const label = document.createElement('div');
  label.textContent = properties.label;
  const link = document.createElement('a');
  link.href = properties.href;
  link.textContent = element.dataset.details;
  box.append(name, label, link);
  return box;
}

async function draw() {
  const response = await fetch(element.dataset.features, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } });
  const collection = await response.json();
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.5 });
  const layers = {};
  for (const name of ['zone', 'corridor', 'site', 'movement']) {
    layers[name] = L.geoJSON(
      { type: 'FeatureCollection', features: collection.features.filter((f) => f.properties.layer === name) },
      {
        style: (feature) => ({
          className: `${name} ${name}-${feature.properties.kind}`,
          dashArray: dashArray(name, feature.properties.kind),
          weight: name === 'corridor' || name === 'movement' ? 5 : 2,
        }),
        pointToLayer: (feature, latlng) => L.marker(latlng, {
          title: `${feature.properties.name} (${feature.properties.label})`,
          alt: feature.properties.name,
          keyboard: true,
          icon: L.divIcon({
            className: `site site-${feature.properties.kind}`,
            html: glyphs[feature.properties.kind] ?? '?',
            iconSize: [22, 22],
          }),
        }),
        onEachFeature: (feature, layer) => layer.bindPopup(() => popup(feature.properties)),
      },
    ).addTo(map);
  }

  // Open on the corridors and the besieged area, where the work is; far sites are a zoom away.
  const focus = L.featureGroup([layers.corridor, ...layers.zone.getLayers().filter((z) => z.feature.properties.kind === 'besieged_area')]).getBounds();
  const bounds = focus.isValid() ? focus : L.featureGroup(Object.values(layers)).getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [20, 20] });
  } else {
    map.setView([0, 0], 2);
  }

  for (const box of document.querySelectorAll('input[data-layer]')) {
    box.addEventListener('change', () => {
      const layer = layers[box.dataset.layer];
      if (box.checked) {
        layer.addTo(map);
      } else {
        layer.remove();
      }
    });
  }

  element.dataset.movements = String(layers.movement.getLayers().length);
  element.dataset.ready = 'true';
}

draw();
