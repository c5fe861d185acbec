// Live totals for the passage matrix: each row, each age band and the whole tally, as people type.
// The server adds up again and is the authority; this only saves the officer a mental sum.
const form = document.getElementById('passage-form');

function count(input) {
  // Accept Arabic-Indic digits as the server does.
  const text = input.value.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0));
  return /^\d+$/.test(text) ? Number(text) : 0;
}

function update() {
  const format = new Intl.NumberFormat(document.documentElement.lang, { numberingSystem: 'latn' });
  const rows = new Map();
  const columns = new Map();
  let total = 0;
  for (const input of form.querySelectorAll('input.count')) {
    const n = count(input);
    rows.set(input.dataset.row, (rows.get(input.dataset.row) ?? 0) + n);
    columns.set(input.dataset.column, (columns.get(input.dataset.column) ?? 0) + n);
    total += n;
  }
  for (const output of form.querySelectorAll('output[data-row-total]')) {
    output.value = format.format(rows.get(output.dataset.rowTotal) ?? 0);
  }
  for (const output of form.querySelectorAll('output[data-column-total]')) {
    output.value = format.format(columns.get(output.dataset.columnTotal) ?? 0);
  }
  document.getElementById('grand-total').value = format.format(total);
}

if (form) {
  form.addEventListener('input', (event) => {
    if (event.target.matches('input.count')) {
      update();
    }
  });
}
