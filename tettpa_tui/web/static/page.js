// The phone page's only script: keeps the draft saved as one types and when the
// page is left. Everything works without it (the form posts as usual).
(function () {
  "use strict";
  // "Wait 10 seconds" after wrong codes: counted down to "you may try again".
  var waiting = document.getElementById("code-wait");
  if (waiting) {
    var left = Number(waiting.dataset.wait);
    waiting.setAttribute("aria-live", "off");  // said once, then again when it is over
    var tick = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(tick);
        waiting.setAttribute("aria-live", "assertive");
        waiting.textContent = waiting.dataset.over;
      } else {
        waiting.textContent = waiting.dataset.text.replace("{seconds}", String(left));
      }
    }, 1000);
  }
  // "Fix it": to the first place the check found, selected in the text.
  var fix = document.getElementById("fix-first");
  var area = document.getElementById("text");
  if (fix && area) {
    fix.addEventListener("click", function (event) {
      event.preventDefault();
      area.focus();
      area.setSelectionRange(Number(fix.dataset.start), Number(fix.dataset.end));
    });
  }
  // "Show the code while I type": a four-word code typed twice is easy to mistype unseen
  // (and a typo counts as a wrong code). Without this script the fields stay hidden text.
  var shows = document.querySelector("input[data-shows]");
  if (shows) {
    var fields = shows.dataset.shows.split(" ").map(function (id) { return document.getElementById(id); });
    shows.closest(".show-code").hidden = false;
    shows.addEventListener("change", function () {
      fields.forEach(function (f) { f.type = shows.checked ? "text" : "password"; });
    });
    shows.form.addEventListener("submit", function () {  // not shown again on coming back
      fields.forEach(function (f) { f.type = "password"; });
    });
  }
  var form = document.getElementById("story-form");
  if (!form || !window.fetch) { return; }
  var text = form.querySelector("textarea[name=text]");
  var state = document.getElementById("save-state");
  // Saved half a second after typing stops, and never later than a second after the first
  // change not yet saved, however steadily one types: the app's rule (tettpa_tui/widgets/autosave.py).
  var PAUSE = 500, MAX_WAIT = 1000, RETRY = 1500;
  var timer = null, sent = text.value, busy = false, first = 0, last = 0;

  function body() {
    var data = new FormData(form);
    data.delete("action");
    return data;
  }
  function remember(reply) {
    if (!reply || !reply.ok) { return; }
    form.querySelector("input[name=story]").value = reply.story;
    form.querySelector("input[name=month]").value = reply.month;
    if (state) { state.textContent = reply.saved; }
  }
  function due() { return Math.min(last + PAUSE, first + MAX_WAIT); }
  function arm(delay) { timer = setTimeout(fire, Math.max(delay, 0)); }
  function fire() {
    timer = null;
    if (!first) { return; }
    var now = Date.now();
    if (now < due() - 1) { arm(due() - now); return; }  // typed on meanwhile: not yet
    save();
  }
  function changed() {
    last = Date.now();
    if (!first) { first = last; }
    if (!timer) { arm(due() - last); }  // one timer: a key only notes the time
  }
  function save() {
    timer = null;
    if (busy) { return; }  // the reply comes first; what waits is sent after it
    first = 0;
    if (text.value === sent) { return; }
    busy = true;
    var value = text.value, ok = false;
    fetch(form.dataset.draftUrl, {
      method: "POST", body: body(), credentials: "same-origin",
      headers: { "X-CSRF-Token": form.querySelector("input[name=csrf]").value }
    }).then(function (r) {
      if (r.status === 401) {  // signed out: the server says why (a new code from the leader, or idle)
        return r.json().then(function (reply) {
          return { ok: false, error: (reply.error ? reply.error + " " : "") + form.dataset.copyFirst };
        }, function () { return { ok: false, error: form.dataset.signedOut }; });
      }
      if (r.status === 403) { return { ok: false, error: form.dataset.signedOut }; }
      return r.json();
    }).then(function (reply) {
      if (reply.ok) { sent = value; ok = true; } else if (state && reply.error) { state.textContent = reply.error; }
      remember(reply);
    }).catch(function () {}).then(function () {
      busy = false;
      if (text.value !== sent && !timer) {
        if (ok) { changed(); } else { timer = setTimeout(save, RETRY); }  // after a failure, not at once
      }
    });
  }
  text.addEventListener("input", changed);
  form.addEventListener("submit", function () { sent = text.value; });
  window.addEventListener("pagehide", function () {
    if (text.value !== sent && navigator.sendBeacon) {
      navigator.sendBeacon(form.dataset.draftUrl, body());
      sent = text.value;
    }
  });
})();
