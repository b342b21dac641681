/* Read to me, with JavaScript: each <audio> of a "read to me" control
   (speak.c) becomes a speaker button.  Pressed, it speaks the text with
   the device's own voice when the device has one for the page's language,
   and otherwise plays the same clip the page offers without JavaScript.
   Nothing is fetched until a button is pressed. */
(function () {
	'use strict';
	var synth = window.speechSynthesis;
	var playing = null;

	/* A device voice for lang ("en", "ar"...), or null. */
	function voiceFor(lang) {
		var vs, i;
		if (!synth || !window.SpeechSynthesisUtterance)
			return null;
		vs = synth.getVoices();
		for (i = 0; i < vs.length; i++)
			if (vs[i].lang.toLowerCase().split(/[-_]/)[0] === lang)
				return vs[i];
		return null;
	}

	/* Stop whatever is being read. */
	function stop() {
		if (synth)
			synth.cancel();
		if (playing) {
			playing.audio.pause();
			playing.button.setAttribute('aria-pressed', 'false');
			playing = null;
		}
	}

	function enhance(el) {
		var audio = el.querySelector('audio');
		var b = document.createElement('button');
		if (!audio)
			return;
		b.type = 'button';
		b.className = 'speak__button';
		b.setAttribute('aria-label', audio.getAttribute('aria-label'));
		b.setAttribute('aria-pressed', 'false');
		b.addEventListener('click', function (e) {
			var v = voiceFor(el.getAttribute('data-lang')), u;
			var again = playing && playing.button === b;
			e.preventDefault();
			stop();
			if (again)
				return;
			if (v) {
				u = new SpeechSynthesisUtterance(el.getAttribute('data-say'));
				u.voice = v;
				u.lang = v.lang;
				u.rate = 0.9;
				synth.speak(u);
				return;
			}
			playing = { audio: audio, button: b };
			b.setAttribute('aria-pressed', 'true');
			audio.currentTime = 0;
			audio.play().catch(function () {
				audio.controls = true;
				audio.hidden = false;
			});
		});
		audio.addEventListener('ended', function () {
			if (playing && playing.audio === audio)
				stop();
		});
		audio.controls = false;
		audio.hidden = true;
		el.insertBefore(b, audio);
	}

	Array.prototype.forEach.call(document.querySelectorAll('.speak'), enhance);
	/* Asked once now, Chromium has its voices listed by the first press. */
	if (synth)
		synth.getVoices();
}());
