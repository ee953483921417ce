// The /tasks/ page: adds, completes and deletes tasks through the JSON API, then shows the list
// the API returns. Names are shown with textContent, never as HTML.
(function () {
  'use strict';
  const form = document.getElementById('add');
  const api = form.dataset.api;
  const list = document.getElementById('tasks');
  const empty = document.getElementById('empty');
  const status = document.getElementById('status');

  async function call(method, url, body) {
    const options = {method, headers: {'Accept': 'application/json'}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const r = await fetch(url, options);
    if (r.status === 204) return null;
    const data = await r.json();
    if (!r.ok) throw new Error(data.error ? data.error.message : r.statusText);
    return data;
  }

  function render(tasks) {
    list.replaceChildren(...tasks.map(item));
    empty.hidden = tasks.length > 0;
  }

  function item(task) {
    const li = document.createElement('li');
    li.className = 'task' + (task.completed ? ' done' : '');
    li.dataset.id = task.id;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'complete';
    box.checked = task.completed;
    box.setAttribute('aria-label', 'done');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = task.name;
    li.append(box, name);
    if (task.due_date) {
      const due = document.createElement('span');
      due.className = 'due';
      due.textContent = 'due ' + task.due_date;
      li.append(due);
    }
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'delete';
    del.setAttribute('aria-label', 'delete');
    del.textContent = '\u00d7';
    li.append(del);
    return li;
  }

  async function run(action) {
    status.textContent = '';
    try {
      await action();
      render(await call('GET', api));
    } catch (e) {
      status.textContent = e.message;
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = {name: form.elements.name.value};
    if (form.elements.due_date.value) body.due_date = form.elements.due_date.value;
    run(async () => {
      await call('POST', api, body);
      form.reset();
    });
  });

  list.addEventListener('click', (ev) => {
    const li = ev.target.closest('li[data-id]');
    if (!li) return;
    const url = api + '/' + li.dataset.id;
    if (ev.target.classList.contains('complete')) {
      run(() => call('PUT', url, {completed: ev.target.checked}));
    } else if (ev.target.classList.contains('delete')) {
      run(() => call('DELETE', url));
    }
  });
})();
