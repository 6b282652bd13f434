// Voxbox portal: the voicemail PIN dialog with live rule feedback, and confirmations. Plain JavaScript.
// The PIN is only ever sent in POST bodies to this origin, never put in a URL, and never written into the page.
(function () {
  "use strict";

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function postJson(url, body) {
    return fetch(url, { method: "POST", headers: csrfHeaders(), body: JSON.stringify(body), credentials: "same-origin" });
  }

  function format(pattern, values) {
    return pattern.replace(/\{(\d+)\}/g, function (_, i) { return values[Number(i)]; });
  }

  function setupConfirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }

  function setupPinDialog() {
    var dialog = document.getElementById("pin-dialog");
    var open = document.getElementById("reset-pin");
    if (!dialog || !open) {
      return;
    }
    var form = document.getElementById("pin-form");
    var pin = document.getElementById("new-pin");
    var confirmPin = document.getElementById("confirm-pin");
    var list = document.getElementById("pin-requirements");
    var feedback = document.getElementById("pin-feedback");
    var errors = document.getElementById("pin-errors");
    // The rules that need the stored PINs are answered on submit only; typing never ticks them.
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-code]:not([data-met=on-submit])"));
    var timer = null;
    var sequence = 0;

    function mark(violations) {
      var broken = {};
      violations.forEach(function (v) { broken[v.code] = true; });
      var met = 0;
      var shown = 0;
      items.forEach(function (li) {
        var code = li.getAttribute("data-code");
        if (code === "CONFIRMATION_MISMATCH" && confirmPin.value === "") {
          li.setAttribute("data-met", "unknown");
          li.querySelector(".state").textContent = "";
          return;
        }
        var ok = !broken[code];
        shown++;
        if (ok) { met++; }
        li.setAttribute("data-met", ok ? "true" : "false");
        li.querySelector(".state").textContent = " (" + list.getAttribute(ok ? "data-met-text" : "data-unmet-text") + ")";
      });
      feedback.textContent = format(feedback.getAttribute("data-summary"), [met, shown]);
    }

    function reset() {
      items.forEach(function (li) {
        li.setAttribute("data-met", "unknown");
        li.querySelector(".state").textContent = "";
      });
      feedback.textContent = "";
    }

    function showErrors(entries) {
      errors.innerHTML = "";
      entries.forEach(function (e) {
        var li = document.createElement("li");
        if (e.code) { li.setAttribute("data-code", e.code); }
        li.textContent = e.description;
        errors.appendChild(li);
      });
      errors.hidden = entries.length === 0;
    }

    function check() {
      if (pin.value === "") {
        reset();
        return;
      }
      var body = { passcode: pin.value };
      if (confirmPin.value !== "") {
        body.confirmPasscode = confirmPin.value;
      }
      var mine = ++sequence;
      postJson(form.getAttribute("data-validate-url"), body)
        .then(function (r) { return r.json().then(function (json) { return { status: r.status, json: json }; }); })
        .then(function (r) {
          if (mine !== sequence) {
            return; // an older answer arriving late
          }
          if (r.status === 200) {
            mark(r.json.violations || []);
          } else if (r.json && r.json.errors) {
            showErrors(r.json.errors);
          }
        })
        .catch(function () { /* the next keystroke tries again */ });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 300);
    }

    function openDialog() {
      pin.value = "";
      confirmPin.value = "";
      reset();
      showErrors([]);
      dialog.showModal();
      pin.focus();
    }

    open.addEventListener("click", openDialog);
    document.getElementById("pin-cancel").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      pin.value = "";
      confirmPin.value = "";
      open.focus();
    });
    pin.addEventListener("input", schedule);
    confirmPin.addEventListener("input", schedule);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      var body = { passcode: pin.value, confirmPasscode: confirmPin.value };
      var failed = function () {
        showErrors([{ description: form.getAttribute("data-network-error") }]);
        pin.focus();
      };
      postJson(form.getAttribute("data-submit-url"), body).then(function (r) {
        pin.value = "";
        confirmPin.value = "";
        if (r.status === 204) {
          window.location.assign(form.getAttribute("data-success-url"));
          return;
        }
        reset();
        return r.json().then(function (json) {
          if (json && json.errors) {
            showErrors(json.errors);
            pin.focus();
          } else {
            failed();
          }
        }, failed);
      }, failed);
    });

    if (open.getAttribute("data-open-on-load") === "true") {
      openDialog();
    }
  }

  function setupPolicyForm() {
    var useDefault = document.getElementById("historyDefault");
    var depth = document.getElementById("historyDepth");
    if (!useDefault || !depth) {
      return;
    }
    var sync = function () { depth.readOnly = useDefault.checked; };
    useDefault.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupConfirmations();
    setupPolicyForm();
    setupPinDialog();
  });
})();
