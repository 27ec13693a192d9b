// Every portal page loads this file (templates/base.html).
//
// The error summary (includes/foutoverzicht.html) takes the focus when a form came back
// with errors, so that a screen reader reads it first and Tab goes to its links.
//
// Every text field with a limit (data-limiet, set by netwerk.formulieren.Tekstregel) gets
// a visible counter below it, "Nog 120 tekens" or "23 tekens te veel". The field has no
// maxlength, so a pasted text is kept whole; the server refuses one that is too long,
// with its message at the field. Screen readers hear the counter only near the limit and
// once typing pauses, not at every key. Without this file the hint states the limit and
// the server's message says what is too long.
(function () {
  "use strict";

  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) {
    overzicht.focus();
  }

  // Announced only with this share of the limit or less left (and when over it).
  var DICHTBIJ = 0.1;
  var WACHTTIJD = 1000;

  function getal(n) {
    return n.toLocaleString("nl-NL");
  }

  function tekens(n) {
    return getal(n) + (n === 1 ? " teken" : " tekens");
  }

  function tekst(over) {
    return over < 0 ? tekens(-over) + " te veel" : "Nog " + tekens(over);
  }

  // Counted as the server counts: per character, not per UTF-16 unit (an emoji is one),
  // and a line break is one character.
  function lengte(waarde) {
    return Array.from(waarde).length;
  }

  document.querySelectorAll("[data-limiet]").forEach(function (veld) {
    var limiet = parseInt(veld.getAttribute("data-limiet"), 10);
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

    function over() {
      return limiet - lengte(veld.value);
    }

    function toon() {
      var rest = over();
      zichtbaar.textContent = tekst(rest);
      zichtbaar.classList.toggle("tekenteller-te-veel", rest < 0);
      return rest;
    }

    veld.addEventListener("input", function () {
      var rest = toon();
      window.clearTimeout(wachten);
      if (rest <= limiet * DICHTBIJ) {
        wachten = window.setTimeout(function () {
          voorgelezen.textContent = zichtbaar.textContent;
        }, WACHTTIJD);
      } else {
        voorgelezen.textContent = "";
      }
    });
    toon();
  });
})();
