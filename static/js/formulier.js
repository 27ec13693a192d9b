// The participants' small forms: the error summary takes the focus when a form came back
// with errors, and every text field marked data-teller that has a maxlength gets a visible
// character counter, "Nog 480 van de 500 tekens", which screen readers hear once typing
// pauses, not at every key. Without this file the field's hint states the limit, and the
// server checks it.
(function () {
  "use strict";

  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) {
    overzicht.focus();
  }

  function getal(n) {
    return n.toLocaleString("nl-NL");
  }

  function tekst(over, limiet) {
    if (over < 0) {
      return getal(-over) + (over === -1 ? " teken" : " tekens") + " te veel (hoogstens " + getal(limiet) + ")";
    }
    // The browser counts a line break as one character, as the server does.
    return "Nog " + getal(over) + " van de " + getal(limiet) + " tekens";
  }

  document.querySelectorAll("[data-teller][maxlength]").forEach(function (veld) {
    var limiet = parseInt(veld.getAttribute("maxlength"), 10);
    var zichtbaar = document.createElement("div");
    zichtbaar.className = "form-text tekenteller";
    zichtbaar.id = veld.id + "-teller";
    var voorgelezen = document.createElement("div");
    voorgelezen.className = "visually-hidden";
    voorgelezen.setAttribute("aria-live", "polite");
    // Below the field's message and hint, at the end of its block.
    veld.parentElement.appendChild(zichtbaar);
    veld.parentElement.appendChild(voorgelezen);
    var beschreven = veld.getAttribute("aria-describedby");
    veld.setAttribute("aria-describedby", (beschreven ? beschreven + " " : "") + zichtbaar.id);
    var wachten = null;

    function werkBij() {
      var over = limiet - veld.value.length;
      zichtbaar.textContent = tekst(over, limiet);
      zichtbaar.classList.toggle("text-danger", over < 0);
      window.clearTimeout(wachten);
      wachten = window.setTimeout(function () {
        voorgelezen.textContent = zichtbaar.textContent;
      }, 1000);
    }

    veld.addEventListener("input", werkBij);
    zichtbaar.textContent = tekst(limiet - veld.value.length, limiet);
  });
})();
