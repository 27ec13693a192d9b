// Progressive enhancement of the application form. Without this file the same buttons
// work through the server; with it, members are added and removed in place. (The error
// summary's focus and the character counters come from formulier.js, on every page.)
(function () {
  "use strict";

  var formulier = document.querySelector("[data-aanmeldformulier]");
  if (!formulier) {
    return;
  }

  var lijst = formulier.querySelector("[data-leden]");
  var sjabloon = document.getElementById("lid-sjabloon");
  var totaal = formulier.querySelector("input[name='leden-TOTAL_FORMS']");
  var minimum = parseInt(formulier.querySelector("input[name='leden-MIN_NUM_FORMS']").value, 10);
  var maximum = parseInt(formulier.querySelector("input[name='leden-MAX_NUM_FORMS']").value, 10);
  var toevoegBlok = formulier.querySelector("[data-toevoeg-blok]");

  function leden() {
    return Array.prototype.slice.call(lijst.querySelectorAll("[data-lid]"));
  }

  function hernummer() {
    var rijen = leden();
    rijen.forEach(function (rij, index) {
      rij.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var waarde = el.getAttribute(attr);
          if (waarde) {
            el.setAttribute(attr, waarde.replace(/leden-(\d+|__prefix__)-/g, "leden-" + index + "-"));
          }
        });
      });
      rij.querySelectorAll("[data-lid-nummer]").forEach(function (el) {
        el.textContent = index + 1;
      });
      rij.querySelector("[data-verwijder-lid]").value = index;
      rij.querySelector("[data-verwijder-blok]").hidden = rijen.length <= minimum;
    });
    totaal.value = rijen.length;
    toevoegBlok.hidden = rijen.length >= maximum;
  }

  formulier.addEventListener("click", function (event) {
    var knop = event.target.closest("button");
    if (!knop) {
      return;
    }
    if (knop.hasAttribute("data-voeg-lid-toe")) {
      event.preventDefault();
      if (leden().length >= maximum) {
        return;
      }
      lijst.appendChild(sjabloon.content.cloneNode(true));
      hernummer();
      var nieuw = leden()[leden().length - 1];
      nieuw.querySelector("input[type='text']").focus();
    } else if (knop.hasAttribute("data-verwijder-lid")) {
      event.preventDefault();
      var rij = knop.closest("[data-lid]");
      var index = leden().indexOf(rij);
      var wasContact = rij.querySelector("input[name$='-is_contactpersoon']").checked;
      rij.remove();
      hernummer();
      var rijen = leden();
      // There is always one contact person: the first member takes over from a removed one.
      if (wasContact) {
        rijen[0].querySelector("input[name$='-is_contactpersoon']").checked = true;
      }
      var volgende = rijen[Math.min(index, rijen.length - 1)];
      volgende.querySelector("legend").setAttribute("tabindex", "-1");
      volgende.querySelector("legend").focus();
    }
  });

  // Choosing a contact person unticks the others: there is exactly one.
  formulier.addEventListener("change", function (event) {
    var veld = event.target;
    if (veld.name && /-is_contactpersoon$/.test(veld.name) && veld.checked) {
      formulier.querySelectorAll("input[name$='-is_contactpersoon']").forEach(function (ander) {
        if (ander !== veld) {
          ander.checked = false;
        }
      });
    }
  });

  // One click sends the application once. A disabled button is not sent along, so the
  // chosen action travels in a hidden field instead.
  formulier.addEventListener("submit", function (event) {
    var verzender = event.submitter;
    if (verzender && (verzender.name === "lid_toevoegen" || verzender.name === "lid_verwijderen")) {
      return;
    }
    if (verzender && verzender.name === "actie") {
      var actie = document.createElement("input");
      actie.type = "hidden";
      actie.name = "actie";
      actie.value = verzender.value;
      actie.setAttribute("data-gekozen-actie", "");
      formulier.appendChild(actie);
    }
    formulier.querySelectorAll("[data-verstuur]").forEach(function (knop) {
      knop.setAttribute("data-tekst", knop.textContent);
      knop.disabled = true;
      if (knop === verzender) {
        knop.textContent = "Bezig met opslaan…";
      }
    });
  });
})();

// Coming back with the Back button shows the page from the cache: make the buttons usable.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("[data-gekozen-actie]").forEach(function (veld) {
    veld.remove();
  });
  document.querySelectorAll("[data-verstuur][data-tekst]").forEach(function (knop) {
    knop.disabled = false;
    knop.textContent = knop.getAttribute("data-tekst");
  });
});
